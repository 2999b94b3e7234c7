// The HTML report's style sheet, inlined into every report (not a public header).
#pragma once

namespace litescope::report {

inline constexpr const char kReportCss[] = R"css(
:root { --ink: #1c2230; --muted: #5f6b7a; --line: #dde2ea; --soft: #f5f7fa; --accent: #2f5fd0;
        --bad: #b3261e; --bad-soft: #fdecea; --ok: #1e7a46; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
       font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 28px 48px; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 18px; margin-bottom: 8px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent); font-weight: 600; }
h1 { font-size: 26px; margin: 4px 0 2px; font-weight: 650; word-break: break-all; }
h1 .arrow { color: var(--muted); font-weight: 400; font-size: 20px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; }
code, pre { font-family: "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
      white-space: pre-wrap; word-break: break-all; }
.muted { color: var(--muted); font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.card .value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .value small { font-size: 13px; font-weight: 400; color: var(--muted); }
.card .label { font-size: 12px; color: var(--muted); }
.card.bad { border-color: var(--bad); background: var(--bad-soft); }
.card.bad .value { color: var(--bad); }
.alarm { margin: 20px 0; padding: 16px 20px; border: 3px solid var(--bad); border-radius: 8px;
         background: var(--bad-soft); color: var(--bad); font-size: 16px; }
.advice { margin: 18px 0; padding: 4px 18px 12px; border-left: 4px solid var(--accent); background: var(--soft); }
.bad { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13.5px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--line); }
table.side { width: auto; min-width: 60%; }
table.side tbody th { font-weight: 600; white-space: nowrap; color: var(--muted); }
table.ops { width: auto; min-width: 40%; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.changed td { background: #fff8e1; }
tr.flagged td { background: var(--bad-soft); }
tr.flagged td:first-child { box-shadow: inset 4px 0 0 var(--bad); }
table.layers { font-size: 12.5px; }
table.layers td code { word-break: break-all; }
table.layers td:nth-child(2) { min-width: 14em; }
table.layers td:nth-child(4) { white-space: nowrap; }
table.side td code { word-break: break-all; }
figure { margin: 16px 0; }
figcaption { font-size: 13px; color: var(--muted); }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart .bar { fill: #6f8fd8; }
svg.chart .bar.flagged { fill: var(--bad); }
svg.chart .grid { stroke: #e6e9ef; stroke-width: 1; }
svg.chart .axis { stroke: #8a94a3; stroke-width: 1; }
svg.chart .zero { stroke: #8a94a3; stroke-dasharray: 3 3; }
svg.chart .ideal { stroke: var(--ok); stroke-dasharray: 6 4; stroke-width: 1.5; }
svg.chart .flag { stroke: var(--bad); stroke-dasharray: 6 4; stroke-width: 1.5; }
svg.chart text { font: 11px sans-serif; fill: var(--muted); }
svg.chart text.note.ok { fill: var(--ok); }
svg.chart text.note.bad { fill: var(--bad); }
svg.chart text.axis-label { font-size: 12px; fill: var(--ink); }
ul.warnings li { margin: 2px 0; }
details { margin: 10px 0; }
summary { cursor: pointer; color: var(--accent); }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section, figure, .advice, .alarm { break-inside: avoid; }
  table.layers { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  h2 { break-after: avoid; }
  details { display: block; }
  .card, thead th, tr.flagged td, .alarm, pre { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

}  // namespace litescope::report
