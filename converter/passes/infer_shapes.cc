#include "converter/passes/infer_shapes.h"

#include "converter/writer/tflite_writer.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"

namespace litescope {

Status InferShapes(ir::Model& model) {
  for (int v : model.main().inputs) {
    const ir::Value& value = model.main().values[static_cast<size_t>(v)];
    if (!value.static_shape())
      return InvalidArgument("input " + value.name + " has unknown dimensions; give its shape (--input-shape " +
                             value.name + "=1,...)");
  }
  std::vector<std::vector<int>> tensor_of;
  Result<SerializedModel> bytes = SerializeTflite(model, &tensor_of);
  if (!bytes.ok()) return bytes.status();
  Result<std::unique_ptr<Model>> loaded = Model::FromBytes(bytes->Bytes(), "the converted graph");
  if (!loaded.ok()) return loaded.status();
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**loaded, BuiltinOps(), {});
  if (!it.ok()) return it.status().WithContext("inferring shapes");
  for (size_t s = 0; s < model.subgraphs.size() && static_cast<int>(s) < (*it)->subgraph_count(); ++s) {
    ir::Graph& g = model.subgraphs[s];
    Subgraph& run = (*it)->subgraph(static_cast<int>(s));
    for (size_t v = 0; v < g.values.size(); ++v) {
      const int t = tensor_of[s][v];
      if (t < 0 || g.values[v].is_constant()) continue;
      const Tensor& tensor = run.tensor(t);
      g.values[v].shape.assign(tensor.shape.begin(), tensor.shape.end());
      g.values[v].has_rank = true;
      g.values[v].type = tensor.type;
    }
  }
  return Status::Ok();
}

Status InferShapesOf(ir::Model& model, int value) {
  ir::Graph& g = model.main();
  const std::vector<int> saved = g.outputs;
  g.outputs = {value};
  Status s = InferShapes(model);
  g.outputs = saved;
  return s;
}

}  // namespace litescope
