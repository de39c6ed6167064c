// JUnit XML, for LMSs and CI dashboards that read it: one <testsuite> per exercise and one
// <testcase> per hidden test, with a <failure> carrying the reason when the test failed. The
// points are kept as properties (of each suite and each test case), since JUnit itself has none.
import type { GradeReport } from '../score.ts';

export function junitXml(report: GradeReport, seconds?: number): string {
  const failures = (tests: GradeReport['exercises'][number]['tests']) => tests.filter((test) => test.status === 'failed').length;
  const allTests = report.exercises.flatMap((exercise) => exercise.tests);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="${attr(`grade ${report.target}`)}" tests="${allTests.length}" failures="${failures(allTests)}" errors="0"${seconds === undefined ? '' : ` time="${seconds.toFixed(3)}"`}>`,
  );
  for (const exercise of report.exercises) {
    out.push(`  <testsuite name="${attr(exercise.id)}" tests="${exercise.tests.length}" failures="${failures(exercise.tests)}" errors="0" skipped="0">`);
    out.push('    <properties>');
    out.push(`      <property name="title" value="${attr(exercise.title)}"/>`);
    out.push(`      <property name="status" value="${attr(exercise.status)}"/>`);
    out.push(`      <property name="points" value="${exercise.points}"/>`);
    out.push(`      <property name="maxPoints" value="${exercise.maxPoints}"/>`);
    if (exercise.message) out.push(`      <property name="message" value="${attr(exercise.message)}"/>`);
    out.push('    </properties>');
    for (const test of exercise.tests) {
      out.push(`    <testcase name="${attr(test.name)}" classname="${attr(exercise.id.replace('/', '.'))}">`);
      // Per-test properties, as pytest writes them: the points this test earned and was worth.
      out.push(`      <properties><property name="points" value="${test.points}"/><property name="maxPoints" value="${test.maxPoints}"/></properties>`);
      if (test.status === 'failed') {
        const message = test.message ?? 'failed';
        out.push(`      <failure message="${attr(message.split('\n')[0]!)}" type="${attr(exercise.status)}">${text(message)}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

/** Characters XML 1.0 cannot hold at all (most control characters, lone surrogates) become U+FFFD. */
function clean(value: string): string {
  return value.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
