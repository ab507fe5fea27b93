/**
 * A static, self-contained HTML page for the planning outputs (best-times, monitor): inline CSS
 * allowed by its hash in a strict Content-Security-Policy, no script, no external request, so it
 * opens offline and prints as it is. Callers escape their content with {@link escapeHtml}.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from './render-html.js';

/**
 * Wraps a body into a page whose CSP allows exactly the given style and nothing else
 * (`default-src 'none'`; images only as `data:`).
 */
export function staticHtmlPage(options: { lang: 'de' | 'en'; title: string; style: string; body: string }): string {
  const hash = createHash('sha256').update(options.style, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${options.style}</style>
</head>
<body>
${options.body}
</body>
</html>
`;
}

/** Common print-friendly page style (A4, colours kept in print). */
export const BASE_STYLE = `
:root{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:1200px;padding:10px 20px}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.1rem 0 .4rem}
p.sub{margin:0 0 .6rem;color:#555}
table{border-collapse:collapse;font-size:.88rem;margin:.3rem 0 1rem}
th,td{border-bottom:1px solid #ddd;padding:.15rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.current td{font-weight:700}
.note{color:#555;font-size:.85rem}
svg{max-width:100%;height:auto;border:1px solid #ccc;background:#fbfbf7}
svg text{font-size:12px;fill:#333}
.attribution{font-size:.8rem;color:#555}
@page{size:A4 landscape;margin:12mm}
@media print{body{max-width:none;padding:0}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}}
`;
