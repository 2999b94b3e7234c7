// Interpreter: runs a loaded model on the CPU.
//
//   Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(model, BuiltinOps());
//   if (!it.ok()) return it.status();            // e.g. "node 4 (CUSTOM:Foo): no kernel ..."
//   Tensor* in = (*it)->input(0);
//   std::copy(pixels.begin(), pixels.end(), in->data<float>());
//   Status s = (*it)->Invoke();
//   const float* scores = (*it)->output(0)->data<float>();
//
// Create() prepares every node (all validation happens there) and plans the arena. Change an
// input's shape with ResizeInput() followed by AllocateTensors(). Cancel() may be called from
// another thread; the running Invoke() returns a kCancelled status between two nodes.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include "engine/base/aligned_buffer.h"
#include "engine/base/status.h"
#include "engine/model/model.h"
#include "engine/runtime/kernel.h"
#include "engine/runtime/op_registry.h"
#include "engine/runtime/tensor.h"
#include "engine/runtime/thread_pool.h"

namespace litescope {

struct InterpreterOptions {
  int threads = 1;  // threads of the pool every parallel kernel uses, the caller included
  // Keep every intermediate tensor readable after Invoke() (no memory reuse between tensors).
  bool keep_intermediates = false;
  // Time every node (see Interpreter::node_times()).
  bool profile = false;
};

struct Node {
  int index = 0;
  OperatorView op;
  std::unique_ptr<Kernel> kernel;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::vector<bool> dynamic_outputs;
};

// One subgraph's tensors and nodes.
class Subgraph {
 public:
  Subgraph(const Model& model, int index, const InterpreterOptions& options, ThreadPool& pool);

  Status CreateKernels(const OpRegistry& registry);
  Status Prepare();  // prepare every node, then plan and assign memory
  Status Invoke(const std::atomic<bool>& cancel, std::vector<std::chrono::nanoseconds>* times);

  std::vector<Tensor>& tensors() { return tensors_; }
  std::vector<Node>& nodes() { return nodes_; }
  const SubgraphView& view() const { return view_; }
  const InterpreterOptions& options() const { return options_; }
  ThreadPool& pool() const { return pool_; }
  size_t arena_bytes() const { return arena_.size(); }
  size_t naive_bytes() const { return naive_bytes_; }

 private:
  Status PlanMemory();

  SubgraphView view_;
  InterpreterOptions options_;
  ThreadPool& pool_;
  std::vector<Tensor> tensors_;
  std::vector<Node> nodes_;
  AlignedBuffer arena_;
  size_t naive_bytes_ = 0;
};

class Interpreter {
 public:
  static Result<std::unique_ptr<Interpreter>> Create(const Model& model, const OpRegistry& registry,
                                                     const InterpreterOptions& options = {});

  int input_count() const;
  int output_count() const;
  Tensor* input(int i);
  const Tensor* output(int i) const;
  // Any tensor of the main subgraph (intermediates hold data only with keep_intermediates).
  const Tensor* tensor(int i) const;
  int tensor_count() const;

  // Sets a new shape for input `i` (dimensions must match the model's shape where its
  // shape_signature is not -1); call AllocateTensors() before the next Invoke().
  Status ResizeInput(int i, const Shape& shape);
  Status AllocateTensors();
  Status Invoke();
  void Cancel() { cancel_.store(true); }

  size_t arena_bytes() const { return main().arena_bytes(); }
  // What the tensors would take without lifetime-based reuse.
  size_t naive_bytes() const { return main().naive_bytes(); }
  // Per node of the main subgraph, the time of the last Invoke() (with options.profile).
  const std::vector<std::chrono::nanoseconds>& node_times() const { return node_times_; }
  const Subgraph& main() const { return *subgraphs_[0]; }

 private:
  Interpreter() = default;
  Subgraph& main() { return *subgraphs_[0]; }

  std::unique_ptr<ThreadPool> pool_;
  std::vector<std::unique_ptr<Subgraph>> subgraphs_;
  std::atomic<bool> cancel_{false};
  bool prepared_ = false;
  std::vector<std::chrono::nanoseconds> node_times_;
};

}  // namespace litescope
