#include "converter/frontends/onnx/onnx_frontend.h"

#include <filesystem>
#include <set>

#include "converter/frontends/onnx/onnx_op_table.h"
#include "converter/frontends/onnx/onnx_reader.h"
#include "converter/passes/infer_shapes.h"
#include "converter/writer/tflite_writer.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"

namespace litescope {
namespace {

// ai.onnx opset 1 is the first release; the op converters follow each op's versions from there
// and refuse, naming the node, a version they do not implement.
constexpr int kMinOpset = 1;
constexpr size_t kMaxFoldBytes = size_t{64} << 20;

bool IsOnnxDomain(const std::string& d) { return d.empty() || d == "ai.onnx"; }

// Evaluates the nodes the current ONNX node became when all its inputs are constants (shape
// arithmetic, constant weights transposed...), replacing its outputs by constants. Failing to
// evaluate is not an error: the nodes then stay.
void TryFold(Importer& im, ir::Model& model) {
  ir::Graph& g = model.main();
  const size_t first = im.first_new_node();
  if (first == g.nodes.size() || im.input_count() == 0) return;
  for (int i = 0; i < im.input_count(); ++i)
    if (im.Has(i) && !im.IsConst(im.In(i))) return;
  std::vector<int> outs;
  for (int i = 0; i < im.output_count(); ++i) {
    if (!im.HasOutput(i)) continue;
    auto it = im.names().find(im.node().output(i));
    if (it == im.names().end()) return;
    if (!g.values[static_cast<size_t>(it->second)].is_constant()) outs.push_back(it->second);
  }
  if (outs.empty()) return;
  ir::Model tmp;
  tmp.main().values = g.values;
  tmp.main().nodes.assign(g.nodes.begin() + static_cast<std::ptrdiff_t>(first), g.nodes.end());
  tmp.main().outputs = outs;
  Result<SerializedModel> bytes = SerializeTflite(tmp);
  if (!bytes.ok()) return;
  Result<std::unique_ptr<Model>> loaded = Model::FromBytes(bytes->Bytes(), "a folded ONNX node");
  if (!loaded.ok()) return;
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**loaded, BuiltinOps(), {});
  if (!it.ok() || !(*it)->Invoke().ok()) return;
  std::vector<std::vector<uint8_t>> data;
  for (size_t i = 0; i < outs.size(); ++i) {
    const Tensor* t = (*it)->output(static_cast<int>(i));
    if (t->bytes() > kMaxFoldBytes || (t->raw() == nullptr && t->bytes() > 0)) return;
    data.emplace_back(t->raw(), t->raw() + t->bytes());
  }
  for (size_t i = 0; i < outs.size(); ++i) {
    const Tensor* t = (*it)->output(static_cast<int>(i));
    ir::Value& v = g.values[static_cast<size_t>(outs[i])];
    v.shape.assign(t->shape.begin(), t->shape.end());
    v.has_rank = true;
    v.type = t->type;
    v.data = std::make_shared<const std::vector<uint8_t>>(std::move(data[i]));
  }
  g.nodes.resize(first);
}

Status AddInput(Importer& im, const onnx::ValueInfoProto& info) {
  const ImportOptions& o = im.options();
  if (!info.type().has_tensor_type()) return Unsupported("input " + info.name() + " is not a tensor (sequences, maps and optionals are not supported)");
  const auto& tt = info.type().tensor_type();
  ir::Value v;
  v.name = info.name();
  if (!OnnxTypeToTflite(tt.elem_type(), &v.type))
    return Unsupported("input " + info.name() + " has type " + OnnxTypeName(tt.elem_type()) + ", which TFLite cannot hold");
  auto given = o.input_shapes.find(info.name());
  if (given != o.input_shapes.end()) {
    v.shape = given->second;
  } else {
    if (!tt.has_shape()) return InvalidArgument("input " + info.name() + " has no shape in the model; give it (--input-shape " + info.name() + "=...)");
    for (int d = 0; d < tt.shape().dim_size(); ++d) {
      const auto& dim = tt.shape().dim(d);
      if (dim.has_dim_value() && dim.dim_value() >= 0) {
        v.shape.push_back(static_cast<int32_t>(dim.dim_value()));
      } else if (d == 0) {
        v.shape.push_back(1);
        im.Warn("input " + info.name() + ": unknown batch dimension" + (dim.has_dim_param() ? " '" + dim.dim_param() + "'" : "") + " set to 1");
      } else {
        return InvalidArgument("input " + info.name() + ": dimension " + std::to_string(d) +
                               (dim.has_dim_param() ? " ('" + dim.dim_param() + "')" : "") +
                               " is unknown; give the input's shape (--input-shape " + info.name() + "=...)");
      }
    }
  }
  for (int32_t d : v.shape)
    if (d < 0) return InvalidArgument("input " + info.name() + ": the given shape has a negative dimension");
  ir::Graph& g = im.graph();
  if (v.shape.size() == 4 && !o.keep_nchw_io) {
    ir::Value nhwc = v;
    nhwc.shape = {v.shape[0], v.shape[2], v.shape[3], v.shape[1]};
    const int in = g.AddValue(std::move(nhwc));
    g.inputs.push_back(in);
    const int nchw = im.ToNchw(in);
    g.values[static_cast<size_t>(nchw)].name = info.name() + "/nchw";
    im.names()[info.name()] = nchw;
  } else {
    const int in = g.AddValue(std::move(v));
    g.inputs.push_back(in);
    im.names()[info.name()] = in;
  }
  return Status::Ok();
}

Status AddCustom(Importer& im, ir::Model& model) {
  ir::Graph& g = model.main();
  g.nodes.resize(im.first_new_node());
  ir::Node n;
  n.op = tflite::BuiltinOperator_CUSTOM;
  n.custom_code = im.type();
  n.source = im.Where().substr(5);
  for (int i = 0; i < im.input_count(); ++i) n.inputs.push_back(im.In(i));
  for (int i = 0; i < im.output_count(); ++i) {
    ir::Value v;
    v.name = im.HasOutput(i) ? im.node().output(i) : im.NewName("custom");
    v.has_rank = false;
    const int id = g.AddValue(std::move(v));
    n.outputs.push_back(id);
    if (im.HasOutput(i)) im.names()[im.node().output(i)] = id;
  }
  g.AddNode(std::move(n));
  return Status::Ok();
}

Status ConvertNodes(Importer& im, ir::Model& model, const onnx::GraphProto& graph, int opset, ConversionReport* report,
                    bool* has_custom) {
  ir::Graph& g = model.main();
  const ImportOptions& o = im.options();
  for (int k = 0; k < graph.node_size(); ++k) {
    if (o.cancelled()) return Cancelled("converting: cancelled");
    if (o.progress) o.progress(0.05 + 0.9 * k / std::max(1, graph.node_size()));
    const onnx::NodeProto& node = graph.node(k);
    im.Begin(node, opset);
    for (int i = 0; i < node.input_size(); ++i)
      if (!node.input(i).empty() && im.In(i) < 0)
        return InvalidArgument(im.Where() + ": input " + node.input(i) + " is neither a graph input, an initializer nor an earlier node's output");
    Status s = Status::Ok();
    const OnnxConverter convert = IsOnnxDomain(node.domain()) ? FindOnnxConverter(node.op_type()) : nullptr;
    if (convert == nullptr) {
      s = Unsupported(im.Where() + ": " + (IsOnnxDomain(node.domain()) ? "the op " + node.op_type() + " is not supported"
                                                                         : "domain '" + node.domain() + "' is not supported"));
    } else {
      s = convert(im);
    }
    if (s.ok()) {
      for (int i = 0; i < node.output_size(); ++i)
        if (!node.output(i).empty() && im.names().find(node.output(i)) == im.names().end())
          s = Internal(im.Where() + ": output " + node.output(i) + " was not produced");
    }
    if (!s.ok()) {
      if (s.code() != StatusCode::kUnsupported || !o.allow_custom_ops) return s;
      if (report != nullptr) report->unsupported.push_back({node.name(), node.op_type(), s.message()});
      LITESCOPE_RETURN_IF_ERROR(AddCustom(im, model));
      *has_custom = true;
    } else {
      TryFold(im, model);
    }
    if (report != nullptr) {
      ConversionReport::Op op{node.name(), node.op_type(), {}};
      for (size_t n = im.first_new_node(); n < g.nodes.size(); ++n) op.tflite_ops.push_back(ir::NodeOpName(g.nodes[n]));
      report->ops.push_back(std::move(op));
    }
  }
  return Status::Ok();
}

Status AddOutputs(Importer& im, ir::Model& model, const onnx::GraphProto& graph, bool has_custom) {
  ir::Graph& g = model.main();
  im.End();
  std::set<int> seen;
  for (const auto& out : graph.output()) {
    auto it = im.names().find(out.name());
    if (it == im.names().end()) return InvalidArgument("graph output " + out.name() + " is never produced");
    int v = it->second;
    if (!g.WrittenByNode(v) || seen.count(v)) {  // An output must be written by a node of its own: copy it.
      Result<ir::Dims> shape = im.Shape(v);
      if (!shape.ok()) return shape.status();
      v = im.Reshape(v, *shape);
    }
    // After a custom op shapes may be unknown: such outputs keep their layout.
    Result<int> rank = has_custom && !g.values[static_cast<size_t>(v)].has_rank ? Result<int>(-1) : im.Rank(v);
    if (!rank.ok()) return rank.status();
    if (*rank < 0) im.Warn("output " + out.name() + " has an unknown rank; it stays as the source model has it");
    if (*rank == 4 && !im.options().keep_nchw_io) {
      g.values[static_cast<size_t>(v)].name = out.name() + "/nchw";
      v = im.ToNhwc(v);
    }
    g.values[static_cast<size_t>(v)].name = out.name();
    seen.insert(v);
    g.outputs.push_back(v);
  }
  return Status::Ok();
}

}  // namespace

Result<ir::Model> ImportOnnx(const std::string& path, const ImportOptions& options, ConversionReport* report) {
  Result<onnx::ModelProto> proto = ReadOnnxModel(path);
  if (!proto.ok()) return proto.status();
  const std::string context = "converting " + path;
  if (report != nullptr) {
    report->source = path;
    report->format = "onnx";
  }
  int opset = -1;
  for (const auto& imp : proto->opset_import()) {
    if (IsOnnxDomain(imp.domain())) opset = static_cast<int>(imp.version());
  }
  if (opset < 0 && proto->opset_import_size() == 0) opset = 1;  // IR version 2 models carry no opset: opset 1
  if (opset < 0) return Unsupported(context + ": the model imports no ai.onnx opset");
  if (opset < kMinOpset)
    return Unsupported(context + ": ai.onnx opset " + std::to_string(opset) + " does not exist (the first is " + std::to_string(kMinOpset) + ")");
  const onnx::GraphProto& graph = proto->graph();
  ir::Model model;
  model.main().name = graph.name().empty() ? "main" : graph.name();
  model.description = "converted from ONNX" + (proto->producer_name().empty() ? std::string() : " (" + proto->producer_name() + ")");
  const std::string dir = std::filesystem::path(path).parent_path().string();
  Importer im(model, options, report, dir);
  for (const auto& init : graph.initializer()) {
    Result<OnnxTensor> t = ReadOnnxTensor(init, dir);
    if (!t.ok()) return t.status().WithContext(context + ": initializer " + init.name());
    im.names()[init.name()] = model.main().AddConstant(init.name(), t->type, t->dims, std::move(t->bytes));
  }
  for (const auto& in : graph.input()) {
    if (im.names().count(in.name())) continue;  // an initializer listed as an input (IR version < 4)
    LITESCOPE_RETURN_IF_ERROR(AddInput(im, in).WithContext(context));
  }
  bool has_custom = false;
  LITESCOPE_RETURN_IF_ERROR(ConvertNodes(im, model, graph, opset, report, &has_custom).WithContext(context));
  LITESCOPE_RETURN_IF_ERROR(AddOutputs(im, model, graph, has_custom).WithContext(context));
  if (!has_custom) LITESCOPE_RETURN_IF_ERROR(InferShapes(model).WithContext(context + ": checking the converted graph"));
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(model).WithContext(context));
  if (options.progress) options.progress(1.0);
  return model;
}

}  // namespace litescope
