#include "quantization/compare/model_info.h"

#include <algorithm>
#include <chrono>

#include "engine/model/tensor_type.h"
#include "engine/runtime/op_registry.h"

namespace litescope {

TensorInfo DescribeTensor(const Tensor& t) {
  return {t.name, TensorTypeName(t.type), t.shape, t.quant.scale, t.quant.zero_point};
}

ModelInfo DescribeModel(const Model& model, Interpreter& it) {
  ModelInfo info;
  info.path = model.path();
  info.file_bytes = model.file_bytes().size();
  for (const OperatorView& op : model.subgraph(0).operators()) {
    ++info.ops[op.name()];
    ++info.op_count;
  }
  for (int i = 0; i < it.input_count(); ++i) info.inputs.push_back(DescribeTensor(*it.input(i)));
  for (int i = 0; i < it.output_count(); ++i) info.outputs.push_back(DescribeTensor(*it.output(i)));
  return info;
}

Status MeasureLatency(const Model& model, const Dataset& data, int runs, int threads, ModelInfo& info) {
  InterpreterOptions options;
  options.threads = threads;
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(model, BuiltinOps(), options);
  if (!it.ok()) return it.status().WithContext("timing " + model.path());
  LITESCOPE_RETURN_IF_ERROR(data.Fill(0, **it));
  runs = std::max(runs, 1);
  std::vector<double> ms;
  for (int r = 0; r < runs + 2; ++r) {
    const auto start = std::chrono::steady_clock::now();
    LITESCOPE_RETURN_IF_ERROR((*it)->Invoke().WithContext("timing " + model.path()));
    const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (r >= 2) ms.push_back(elapsed);
  }
  std::sort(ms.begin(), ms.end());
  info.latency_ms = ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
  info.latency_min_ms = ms.front();
  info.latency_runs = runs;
  info.threads = threads;
  return Status::Ok();
}

}  // namespace litescope
