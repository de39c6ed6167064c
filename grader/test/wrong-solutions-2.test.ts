// Every wrong solution in grader/wrong/ loses points: part 2 of 2 of the rounds (both-ways.ts).
import { describeCandidates } from './both-ways.ts';

describeCandidates('wrong', { part: 1, of: 2 });
