// Every wrong solution in grader/wrong/ loses points: part 1 of 3 of the rounds (both-ways.ts).
import { describeCandidates } from './both-ways.ts';

describeCandidates('wrong', { part: 0, of: 3 });
