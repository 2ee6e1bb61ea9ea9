// The shared handleSummary: k6's own text summary, then the per-stack comparison, printed and
// written to results/<script>-<timestamp>.md and .json (the JSON keeps k6's whole summary too).
// The results directory must exist (k6 does not create it): the repo keeps results/.gitkeep.
import { textSummary } from 'https://jslib.k6.io/k6-summary/0.1.0/index.js';
import { buildComparison } from './compare.js';
import { renderComparison } from './markdown.js';
import { resultBasePath } from './summary.js';

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
    const base = resultBasePath(__ENV.RESULTS_DIR || 'results', spec.script, now);
    const colors = !(data.options?.noColor ?? false) && (data.state?.isStdOutTTY ?? false);
    return {
      stdout: `${textSummary(data, { indent: ' ', enableColors: colors })}\n\n${markdown}\nWritten: ${base}.md, ${base}.json\n`,
      [`${base}.md`]: `# Fan-out Lab: ${spec.script}.js, ${now.toISOString()}\n\n${markdown}`,
      [`${base}.json`]: `${JSON.stringify({ spec, comparison, summary: data }, null, 2)}\n`,
    };
  };
}
