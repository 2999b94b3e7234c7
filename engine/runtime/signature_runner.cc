#include "engine/runtime/signature_runner.h"

#include <algorithm>

namespace litescope {

Result<SignatureRunner> SignatureRunner::Create(Interpreter& interpreter, const std::string& key) {
  std::string keys;
  for (const SignatureView& sig : interpreter.model().signatures()) {
    if (sig.key != key) {
      keys += (keys.empty() ? "" : ", ") + std::string(sig.key);
      continue;
    }
    SignatureRunner r;
    r.interpreter_ = &interpreter;
    r.key_ = key;
    r.subgraph_ = sig.subgraph_index;
    for (const SignatureTensor& t : sig.inputs) {
      r.input_names_.emplace_back(t.name);
      r.input_tensors_.push_back(t.tensor_index);
    }
    for (const SignatureTensor& t : sig.outputs) {
      r.output_names_.emplace_back(t.name);
      r.output_tensors_.push_back(t.tensor_index);
    }
    return r;
  }
  return NotFound("the model has no signature '" + key + "' (it has: " + (keys.empty() ? "none" : keys) + ")");
}

Tensor* SignatureRunner::input(const std::string& name) {
  auto it = std::find(input_names_.begin(), input_names_.end(), name);
  if (it == input_names_.end()) return nullptr;
  return &interpreter_->subgraph(subgraph_).tensor(input_tensors_[static_cast<size_t>(it - input_names_.begin())]);
}

const Tensor* SignatureRunner::output(const std::string& name) const {
  auto it = std::find(output_names_.begin(), output_names_.end(), name);
  if (it == output_names_.end()) return nullptr;
  return &interpreter_->subgraph(subgraph_).tensor(output_tensors_[static_cast<size_t>(it - output_names_.begin())]);
}

Status SignatureRunner::ResizeInput(const std::string& name, const Shape& shape) {
  auto it = std::find(input_names_.begin(), input_names_.end(), name);
  if (it == input_names_.end()) return NotFound("signature '" + key_ + "' has no input '" + name + "'");
  int32_t tensor = input_tensors_[static_cast<size_t>(it - input_names_.begin())];
  Subgraph& sg = interpreter_->subgraph(subgraph_);
  for (int i = 0; i < sg.input_count(); ++i) {
    if (sg.view().inputs()[static_cast<size_t>(i)] == tensor) return interpreter_->ResizeInput(i, shape, subgraph_);
  }
  return InvalidArgument("signature input '" + name + "' is not an input of subgraph " + std::to_string(subgraph_));
}

}  // namespace litescope
