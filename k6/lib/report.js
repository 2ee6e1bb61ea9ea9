// The shared handleSummary: a text summary of every metric, then the per-stack comparison,
// printed and written to results/<script>-<stamp>.md and .json (the JSON keeps k6's whole
// summary too). <stamp> is RUN_STAMP when k6/run.sh set it (its HTML report shares it), else
// the time now. The results directory must exist (k6 does not create it): run.sh makes it.
import { buildComparison } from './compare.js';
import { renderComparison } from './markdown.js';
import { resultBasePath } from './summary.js';
import { textSummary } from './text-summary.js';

/**
 * @param {import('./compare.js').ReportSpec} spec
 * @param {(data: import('./summary.js').SummaryData) => string} [extra] more Markdown after the table
 * @returns {(data: import('./summary.js').SummaryData) => Record<string, string>}
 */
export function summaryHandler(spec, extra) {
  return (data) => {
    const comparison = buildComparison(data, spec);
    const markdown = renderComparison(comparison) + (extra ? `\n${extra(data)}` : '');
    const now = new Date();
    const base = resultBasePath(__ENV.RESULTS_DIR || 'results', spec.script, now, __ENV.RUN_STAMP);
    return {
      stdout: `${textSummary(data, { indent: ' ' })}\n\n${markdown}\nWritten: ${base}.md, ${base}.json\n`,
      [`${base}.md`]: `# Fan-out Lab: ${spec.script}.js, ${now.toISOString()}\n\n${markdown}`,
      [`${base}.json`]: `${JSON.stringify({ spec, comparison, summary: data }, null, 2)}\n`,
    };
  };
}
