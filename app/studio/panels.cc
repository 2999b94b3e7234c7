#include "app/studio/panels.h"

#include <QLocale>

#include "engine/model/options.h"
#include "engine/model/summary.h"
#include "engine/model/tensor_type.h"

namespace litescope {
namespace {

constexpr size_t kMaxChannelRows = 256;

const char* kStyle =
    "<style>body{font-family:'DejaVu Sans';font-size:10pt} h2{margin:2px 0} h3{margin:10px 0 3px 0;color:#444}"
    "table{border-collapse:collapse} td,th{padding:1px 6px;border-bottom:1px solid #e3e3e3;text-align:left}"
    "th{color:#555;font-weight:normal} td{vertical-align:top} .dim{color:#777} a{color:#1f5fa8;text-decoration:none}</style>";

QString Esc(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())).toHtmlEscaped(); }

QString Bytes(uint64_t n) { return QLocale::c().formattedDataSize(static_cast<qint64>(n), 1, QLocale::DataSizeSIFormat); }

// "569.7 M" (MACs in SI units).
QString Macs(int64_t n) {
  const char* units[] = {"", " k", " M", " G", " T"};
  double v = static_cast<double>(n);
  size_t u = 0;
  while (v >= 1000 && u + 1 < std::size(units)) v /= 1000, ++u;
  return QString::number(v, 'f', u == 0 ? 0 : 1) + units[u];
}

QString ShapeOf(std::span<const int32_t> s) { return Esc(ShapeText(std::vector<int32_t>(s.begin(), s.end()))); }

QString QuantText(const QuantizationView& q) {
  if (q.scale.empty()) return QStringLiteral("<span class=dim>—</span>");
  if (!q.per_channel())
    return QStringLiteral("scale %1, zero point %2").arg(q.scale[0], 0, 'g', 6).arg(q.zero_point.empty() ? 0 : q.zero_point[0]);
  return QStringLiteral("per channel (axis %1, %2 channels)").arg(q.quantized_dimension).arg(q.scale.size());
}

// One tensor per row: its role, then its name (a link) over shape, signature, dtype, quantization
// and buffer size, so long names wrap instead of squeezing the columns.
QString TensorRows(const SubgraphView& sg, std::span<const int32_t> tensors, const char* role) {
  QString html;
  for (size_t slot = 0; slot < tensors.size(); ++slot) {
    const int32_t t = tensors[slot];
    const QString who = QStringLiteral("%1 %2").arg(role).arg(slot).trimmed();
    if (t < 0) {
      html += QStringLiteral("<tr><td>%1</td><td class=dim>(omitted)</td></tr>").arg(who);
      continue;
    }
    const TensorView v = sg.tensor(t);
    QStringList facts = {ShapeOf(v.shape()) + " " + Esc(TensorTypeName(v.type()))};
    if (!v.shape_signature().empty()) facts << "signature " + ShapeOf(v.shape_signature());
    if (!v.quantization().scale.empty()) facts << QuantText(v.quantization());
    if (v.is_constant()) facts << "constant, " + Bytes(v.data().size());
    if (v.is_variable()) facts << "variable";
    html += QStringLiteral("<tr><td>%1</td><td><a href='tensor:%2'>%3</a> <span class=dim>#%2</span><br>"
                           "<span class=dim>%4</span></td></tr>")
                .arg(who)
                .arg(t)
                .arg(Esc(v.name()), facts.join(" · "));
  }
  return html;
}

QString ChannelTables(const SubgraphView& sg, std::span<const int32_t> tensors) {
  QString html;
  for (int32_t t : tensors) {
    if (t < 0) continue;
    const TensorView v = sg.tensor(t);
    const QuantizationView q = v.quantization();
    if (!q.per_channel()) continue;
    html += QStringLiteral("<h3>Per-channel quantization of %1</h3><table><tr><th>channel</th><th>scale</th><th>zero point</th></tr>")
                .arg(Esc(v.name()));
    for (size_t c = 0; c < q.scale.size() && c < kMaxChannelRows; ++c)
      html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                  .arg(c)
                  .arg(q.scale[c], 0, 'g', 7)
                  .arg(c < q.zero_point.size() ? q.zero_point[c] : 0);
    if (q.scale.size() > kMaxChannelRows)
      html += QStringLiteral("<tr><td colspan=3 class=dim>… %1 more channels (open the tensor for all)</td></tr>")
                  .arg(q.scale.size() - kMaxChannelRows);
    html += "</table>";
  }
  return html;
}

}  // namespace

QString NodeHtml(const Model& model, const GraphScene& scene, int node, const OpMetadata& metadata) {
  const GraphNode& n = scene.graph().nodes[static_cast<size_t>(node)];
  const SubgraphView sg = model.subgraph(scene.graph().subgraph);
  QString html = kStyle;
  if (n.kind != GraphNode::Kind::kOperator) {
    const int32_t t = n.tensor;
    const char* role = n.kind == GraphNode::Kind::kInput ? "Model input" : n.kind == GraphNode::Kind::kOutput ? "Model output" : "Constant";
    html += QStringLiteral("<h2>%1</h2><table>%2</table>").arg(role, TensorRows(sg, std::span(&t, 1), "tensor"));
    return html + ChannelTables(sg, std::span(&t, 1));
  }
  const OperatorView op = sg.op(n.op);
  html += QStringLiteral("<h2>%1</h2><p><span class=dim>node %2 · version %3 · %4</span><br>%5</p>")
              .arg(Esc(op.name()))
              .arg(n.op)
              .arg(op.code().version)
              .arg(Esc(n.category), Esc(metadata.Description(op.name())));
  for (int s : n.subgraphs)
    html += QStringLiteral("<p>calls <a href='subgraph:%1'>subgraph %1</a></p>").arg(s);
  const std::vector<OptionField> options = DecodeOptions(op);
  if (!options.empty()) {
    html += "<h3>Options</h3><table>";
    for (const OptionField& f : options) html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(Esc(f.name), Esc(f.text));
    html += "</table>";
  }
  html += "<h3>Inputs and outputs</h3><table>" + TensorRows(sg, op.inputs(), "in") +
          TensorRows(sg, op.outputs(), "out") + TensorRows(sg, op.intermediates(), "intermediate") + "</table>";
  return html + ChannelTables(sg, op.inputs());
}

QString ModelHtml(const Model& model, const Result<RuntimeEstimate>& estimate) {
  const ModelSummary s = Summarize(model);
  QString html = kStyle;
  html += QStringLiteral("<h2>%1</h2><table>").arg(Esc(s.file));
  auto row = [&](const QString& k, const QString& v) { html += "<tr><td>" + k + "</td><td>" + v + "</td></tr>"; };
  row("size", Bytes(s.file_bytes));
  row("schema version", QString::number(s.schema_version));
  if (!s.description.empty()) row("description", Esc(s.description));
  if (!s.min_runtime_version.empty()) row("min runtime", Esc(s.min_runtime_version));
  row("subgraphs", QString::number(s.subgraphs.size()));
  row("operators", QString::number(s.operator_count));
  row("tensors", QString::number(s.tensor_count));
  row("parameters", QStringLiteral("%1 (%2)").arg(QLocale::c().toString(static_cast<qulonglong>(s.parameters_total.count)),
                                                   Bytes(s.parameters_total.bytes)));
  if (estimate.ok()) {
    row("arena", QStringLiteral("%1 (%2 without reuse)").arg(Bytes(estimate->arena_bytes), Bytes(estimate->naive_bytes)));
    row("MACs", Macs(estimate->macs_total));
  } else {
    row("arena, MACs", "<span class=dim>not available: " + Esc(estimate.status().message()) + "</span>");
  }
  html += "</table><h3>Operators</h3><table><tr><th>op</th><th>count</th><th>MACs</th></tr>";
  std::vector<std::pair<int, std::string>> ops;
  for (const auto& [op, count] : s.op_histogram) ops.emplace_back(count, op);
  std::sort(ops.rbegin(), ops.rend());
  for (const auto& [count, op] : ops) {
    QString macs;
    if (estimate.ok())
      if (auto it = estimate->macs_by_op.find(op); it != estimate->macs_by_op.end()) macs = Macs(it->second);
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>").arg(Esc(op)).arg(count).arg(macs);
  }
  html += "</table><h3>Parameters by type</h3><table><tr><th>dtype</th><th>count</th><th>bytes</th></tr>";
  for (const auto& [dtype, p] : s.parameters)
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                .arg(Esc(dtype), QLocale::c().toString(static_cast<qulonglong>(p.count)), Bytes(p.bytes));
  html += "</table>";
  for (const ModelSummary::Signature& sig : s.signatures) {
    html += QStringLiteral("<h3>Signature %1</h3><table>").arg(Esc(sig.key));
    for (const auto& [name, t] : sig.inputs) html += QStringLiteral("<tr><td>input</td><td>%1</td><td>tensor %2</td></tr>").arg(Esc(name)).arg(t);
    for (const auto& [name, t] : sig.outputs) html += QStringLiteral("<tr><td>output</td><td>%1</td><td>tensor %2</td></tr>").arg(Esc(name)).arg(t);
    html += "</table>";
  }
  if (!s.metadata.empty()) {
    html += "<h3>Metadata</h3><table>";
    for (const ModelSummary::Metadata& m : s.metadata) html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(Esc(m.name), Bytes(m.bytes));
    html += "</table>";
  }
  for (const std::string& w : s.warnings) html += QStringLiteral("<p style='color:#a05a00'>warning: %1</p>").arg(Esc(w));
  return html;
}

}  // namespace litescope
