// SignatureRunner: runs a model through one of its signature defs, with inputs and outputs
// addressed by their signature names.
//
//   Result<SignatureRunner> r = SignatureRunner::Create(interpreter, "serving_default");
//   if (!r.ok()) ...                         // "no signature 'x' (the model has: serving_default)"
//   std::copy(v.begin(), v.end(), r->input("image")->data<float>());
//   Status s = r->Invoke();
//   const Tensor* probs = r->output("probabilities");
#pragma once

#include <string>
#include <vector>

#include "engine/runtime/interpreter.h"

namespace litescope {

class SignatureRunner {
 public:
  static Result<SignatureRunner> Create(Interpreter& interpreter, const std::string& key);

  const std::string& key() const { return key_; }
  const std::vector<std::string>& input_names() const { return input_names_; }
  const std::vector<std::string>& output_names() const { return output_names_; }
  // nullptr for a name the signature does not have.
  Tensor* input(const std::string& name);
  const Tensor* output(const std::string& name) const;

  Status ResizeInput(const std::string& name, const Shape& shape);
  Status AllocateTensors() { return interpreter_->AllocateTensors(); }
  Status Invoke() { return interpreter_->InvokeSubgraph(subgraph_); }

 private:
  SignatureRunner() = default;

  Interpreter* interpreter_ = nullptr;
  std::string key_;
  int subgraph_ = 0;
  std::vector<std::string> input_names_, output_names_;
  std::vector<int32_t> input_tensors_, output_tensors_;
};

}  // namespace litescope
