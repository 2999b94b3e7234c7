#include "quantization/calibration/calibrate.h"

#include "engine/runtime/op_registry.h"
#include "engine/runtime/interpreter.h"
#include "quantization/dataset/dataset.h"

namespace litescope {

Result<Calibration> Calibrate(const Model& model, const Dataset& data, const CalibrationOptions& options) {
  Result<std::unique_ptr<Interpreter>> it =
      Interpreter::Create(model, BuiltinOps(), {.threads = options.threads, .keep_intermediates = true});
  if (!it.ok()) return it.status().WithContext("calibration");
  Interpreter& in = **it;
  const int tensors = in.tensor_count();
  std::vector<TensorObserver> observers(static_cast<size_t>(tensors));
  const int total = data.size();
  for (int i = 0; i < total; ++i) {
    Status s = data.Fill(i, in);
    if (s.ok()) s = in.Invoke();
    if (!s.ok()) return s.WithContext("calibration sample " + data.name(i));
    for (int t = 0; t < tensors; ++t) {
      const Tensor& x = *in.tensor(t);
      if (x.type != tflite::TensorType_FLOAT32 || x.storage == Storage::kConstant || x.raw() == nullptr) continue;
      observers[static_cast<size_t>(t)].Add(x.data<float>(), x.elements());
    }
    if (options.progress && !options.progress(i + 1, total)) return Cancelled("calibration cancelled");
  }
  Calibration c;
  c.observer = options.observer;
  c.samples = total;
  c.ranges.resize(static_cast<size_t>(tensors));
  for (int t = 0; t < tensors; ++t) {
    const TensorObserver& o = observers[static_cast<size_t>(t)];
    if (o.seen()) c.ranges[static_cast<size_t>(t)] = o.Range(options.observer);
    if (o.nonfinite() > 0) c.nonfinite.push_back(in.tensor(t)->name + ": " + std::to_string(o.nonfinite()) + " non-finite values");
  }
  return c;
}

}  // namespace litescope
