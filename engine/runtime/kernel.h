// The kernel life cycle: a kernel object is created per node (init: the constructor), then
// Prepare() validates every input and parameter and sets output shapes, then Eval() computes
// without further checks. All validation lives in Prepare().
//
//   class Relu : public Kernel {
//     Status Prepare(OpContext& ctx) override {
//       if (ctx.input(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("needs FLOAT32");
//       return ctx.ResizeOutput(0, ctx.input(0)->shape);
//     }
//     Status Eval(OpContext& ctx) override { ... }
//   };
#pragma once

#include <memory>
#include <string>

#include "engine/base/status.h"
#include "engine/model/model.h"
#include "engine/runtime/tensor.h"
#include "engine/runtime/thread_pool.h"

namespace litescope {

class Interpreter;
class Subgraph;
struct Node;

// A node's view of the graph while it is prepared and evaluated.
class OpContext {
 public:
  OpContext(Subgraph& graph, Node& node) : graph_(graph), node_(node) {}

  int input_count() const;
  int output_count() const;
  // nullptr for an omitted optional input (index -1) or past the end.
  const Tensor* input(int i) const;
  Tensor* output(int i);
  bool input_is_constant(int i) const;
  // The operator's intermediate tensor i (TFLite's integer LSTM keeps its gate scales there), or
  // nullptr when it has none.
  const Tensor* intermediate(int i) const;
  const OperatorView& op() const;
  // The builtin options table, or nullptr when the file has none of that type.
  template <typename T>
  const T* options() const {
    return op().fb().template builtin_options_as<T>();
  }

  // Prepare: the output's shape (and with it its size in the arena).
  Status ResizeOutput(int i, Shape shape);
  // Prepare: the output's shape depends on input values; Eval sizes it with ResizeDynamicOutput.
  void SetOutputDynamic(int i);
  // Eval: sizes a dynamic output and gives it heap memory.
  Status ResizeDynamicOutput(int i, Shape shape);

  int threads() const;
  // The interpreter's thread pool (options.threads threads, the caller included).
  ThreadPool& pool() const;
  // Another subgraph of the model (control flow) and the interpreter (resource variables).
  Subgraph& subgraph(int index) const;
  Interpreter& interpreter() const;
  // "node 3 (CONV_2D): <message>" as an invalid-argument Status.
  Status Error(const std::string& message) const;
  std::string label() const;

 private:
  Subgraph& graph_;
  Node& node_;
};

class Kernel {
 public:
  virtual ~Kernel() = default;
  virtual Status Prepare(OpContext& ctx) = 0;
  virtual Status Eval(OpContext& ctx) = 0;
};

using KernelFactory = std::unique_ptr<Kernel> (*)();

template <typename K>
std::unique_ptr<Kernel> Make() {
  return std::make_unique<K>();
}

}  // namespace litescope
