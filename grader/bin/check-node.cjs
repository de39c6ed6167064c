// Runs before every npm script, on whatever Node the learner has. Written in old-style
// JavaScript so that even a very old Node can parse it and print one clear sentence.
'use strict';
var minimum = [20, 19, 0];
var current = process.versions.node.split('.').map(Number);
var tooOld = false;
for (var i = 0; i < 3; i++) {
  if (current[i] > minimum[i]) break;
  if (current[i] < minimum[i]) { tooOld = true; break; }
}
if (tooOld) {
  console.error(
    'This course needs Node.js 20.19 or newer (20, 22 and 24 all work), but this is Node.js ' +
      process.versions.node + ': install a current Node.js from https://nodejs.org and run the command again.'
  );
  process.exit(1);
}
