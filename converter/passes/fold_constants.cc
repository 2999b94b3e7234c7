#include "converter/passes/fold_constants.h"

#include <cstring>

#include "converter/passes/pass_util.h"
#include "converter/writer/tflite_writer.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"

namespace litescope {
namespace {

bool Foldable(const ir::Graph& g, const ir::Node& n) {
  switch (n.op) {
    case tflite::BuiltinOperator_CUSTOM:
    case tflite::BuiltinOperator_WHILE:
    case tflite::BuiltinOperator_IF:
    case tflite::BuiltinOperator_CALL_ONCE:
    case tflite::BuiltinOperator_VAR_HANDLE:
    case tflite::BuiltinOperator_READ_VARIABLE:
    case tflite::BuiltinOperator_ASSIGN_VARIABLE:
    case tflite::BuiltinOperator_RANDOM_UNIFORM:
    case tflite::BuiltinOperator_RANDOM_STANDARD_NORMAL:
    case tflite::BuiltinOperator_MULTINOMIAL:
      return false;
    default:
      break;
  }
  if (n.inputs.empty() || n.outputs.empty()) return false;
  for (int v : n.inputs)
    if (v >= 0 && !g.values[static_cast<size_t>(v)].is_constant()) return false;
  for (int v : n.intermediates)
    if (v >= 0) return false;
  return true;
}

// Runs node `n` alone and makes its outputs constants.
Status Fold(ir::Graph& g, const ir::Node& n, uint64_t max_bytes, bool* folded) {
  ir::Model one;
  ir::Graph& sub = one.main();
  std::vector<int> map(g.values.size(), -1);
  auto copy = [&](int v) {
    if (v < 0) return -1;
    if (map[static_cast<size_t>(v)] < 0) map[static_cast<size_t>(v)] = sub.AddValue(g.values[static_cast<size_t>(v)]);
    return map[static_cast<size_t>(v)];
  };
  ir::Node node = n;
  for (int& v : node.inputs) v = copy(v);
  for (int& v : node.outputs) v = copy(v);
  sub.outputs = node.outputs;
  sub.AddNode(std::move(node));
  Result<SerializedModel> bytes = SerializeTflite(one);
  if (!bytes.ok()) return bytes.status();
  Result<std::unique_ptr<Model>> model = Model::FromBytes(bytes->Bytes(), "folding " + NodeOpName(n));
  if (!model.ok()) return model.status();
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**model, BuiltinOps(), {});
  if (!it.ok()) return Status::Ok();  // not foldable here (e.g. an unsupported type): leave it to run time
  for (int i = 0; i < (*it)->output_count(); ++i)
    if ((*it)->output(i)->bytes() > max_bytes) return Status::Ok();
  if (!(*it)->Invoke().ok()) return Status::Ok();
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    const Tensor& t = *(*it)->output(static_cast<int>(i));
    ir::Value& v = g.values[static_cast<size_t>(n.outputs[i])];
    v.shape.assign(t.shape.begin(), t.shape.end());
    v.has_rank = true;
    v.type = t.type;
    const uint8_t* begin = t.raw();
    v.data = std::make_shared<const std::vector<uint8_t>>(begin, begin + t.bytes());
  }
  *folded = true;
  return Status::Ok();
}

}  // namespace

Result<int> FoldConstants(ir::Graph& g, uint64_t max_bytes) {
  std::vector<char> dead(g.nodes.size(), 0);
  int count = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (!Foldable(g, g.nodes[i])) continue;
    bool folded = false;
    LITESCOPE_RETURN_IF_ERROR(Fold(g, g.nodes[i], max_bytes, &folded));
    if (!folded) continue;
    dead[i] = 1;
    ++count;
  }
  passes::EraseNodes(g, dead);
  return count;
}

}  // namespace litescope
