// Interpreter: runs a loaded model on the CPU.
//
//   Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(model, BuiltinOps());
//   if (!it.ok()) return it.status();            // e.g. "node 4 (CUSTOM:Foo): no kernel ..."
//   Tensor* in = (*it)->input(0);
//   std::copy(pixels.begin(), pixels.end(), in->data<float>());
//   Status s = (*it)->Invoke();
//   const float* scores = (*it)->output(0)->data<float>();
//
// Create() prepares every node of every subgraph (all validation happens there) and plans one
// arena per subgraph. Change an input's shape with ResizeInput() followed by AllocateTensors().
// Cancel() may be called from another thread; the running Invoke() returns a kCancelled status
// before the next node. Subgraphs other than the main one run through WHILE, IF and CALL_ONCE,
// or directly through a SignatureRunner.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/aligned_buffer.h"
#include "engine/base/status.h"
#include "engine/model/model.h"
#include "engine/runtime/delegate.h"
#include "engine/runtime/kernel.h"
#include "engine/runtime/op_registry.h"
#include "engine/runtime/tensor.h"
#include "engine/runtime/thread_pool.h"

namespace litescope {

struct InterpreterOptions {
  int threads = 1;  // threads of the pool every parallel kernel uses, the caller included
  // Keep every intermediate tensor readable after Invoke() (no memory reuse between tensors).
  bool keep_intermediates = false;
  // Time every node of the main subgraph (see Interpreter::node_times()).
  bool profile = false;
  // Back ends offered nodes of the main subgraph, in order of preference.
  std::vector<Delegate*> delegates;
  PartitionOptions partitioning;
};

struct Node {
  int index = 0;     // the model's operator index (the first covered one for a delegate node)
  OperatorView op;   // that operator
  std::unique_ptr<Kernel> kernel;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::vector<bool> dynamic_outputs;
  // An input's shape is only known at eval time: prepare again before every eval, and give
  // the outputs heap memory of the shapes prepare then sets.
  bool prepare_at_eval = false;
  // For a node that runs a delegate partition: the delegate's name and the operators it covers.
  std::string delegate;
  std::vector<int> covers;
};

class Interpreter;

// One subgraph's tensors, nodes and arena.
class Subgraph {
 public:
  Subgraph(const Model& model, int index, Interpreter& interpreter);

  Status CreateKernels(const OpRegistry& registry);
  Status Prepare();  // prepare every node, then plan and assign memory
  Status Invoke(std::vector<std::chrono::nanoseconds>* times = nullptr);

  int index() const { return view_.index(); }
  std::vector<Tensor>& tensors() { return tensors_; }
  Tensor& tensor(int32_t i) { return tensors_[static_cast<size_t>(i)]; }
  std::vector<Node>& nodes() { return nodes_; }
  const SubgraphView& view() const { return view_; }
  Interpreter& interpreter() const { return interpreter_; }
  int input_count() const { return static_cast<int>(view_.inputs().size()); }
  int output_count() const { return static_cast<int>(view_.outputs().size()); }
  Tensor& input(int i) { return tensor(view_.inputs()[static_cast<size_t>(i)]); }
  Tensor& output(int i) { return tensor(view_.outputs()[static_cast<size_t>(i)]); }
  size_t arena_bytes() const { return arena_.size(); }
  size_t naive_bytes() const { return naive_bytes_; }

 private:
  Status PlanMemory();

  SubgraphView view_;
  Interpreter& interpreter_;
  std::vector<Tensor> tensors_;
  std::vector<Node> nodes_;
  AlignedBuffer arena_;
  size_t naive_bytes_ = 0;
};

class Interpreter {
 public:
  static Result<std::unique_ptr<Interpreter>> Create(const Model& model, const OpRegistry& registry,
                                                     const InterpreterOptions& options = {});

  int input_count() const { return subgraphs_[0]->input_count(); }
  int output_count() const { return subgraphs_[0]->output_count(); }
  Tensor* input(int i) { return &subgraphs_[0]->input(i); }
  const Tensor* output(int i) const { return &subgraphs_[0]->output(i); }
  // Any tensor of the main subgraph (intermediates hold data only with keep_intermediates).
  const Tensor* tensor(int i) const { return &subgraphs_[0]->tensor(i); }
  int tensor_count() const { return static_cast<int>(subgraphs_[0]->tensors().size()); }

  // Sets a new shape for input `i` of subgraph `subgraph` (dimensions must match the model's
  // where its shape_signature is not -1); call AllocateTensors() before the next Invoke().
  Status ResizeInput(int i, const Shape& shape, int subgraph = 0);
  Status AllocateTensors();
  Status Invoke() { return InvokeSubgraph(0); }
  Status InvokeSubgraph(int subgraph);
  void Cancel() { cancel_.store(true); }
  bool cancelled() const { return cancel_.load(std::memory_order_relaxed); }

  size_t arena_bytes() const;
  // What the tensors would take without lifetime-based reuse.
  size_t naive_bytes() const;
  // Per node of the main subgraph (position in subgraph(0).nodes()), the time of the last
  // Invoke() (with options.profile).
  const std::vector<std::chrono::nanoseconds>& node_times() const { return node_times_; }
  // For every operator of the main subgraph, where it runs: "cpu" or a delegate's name.
  const std::vector<std::string>& node_placement() const { return placement_; }

  const Model& model() const { return model_; }
  const InterpreterOptions& options() const { return options_; }
  ThreadPool& pool() { return *pool_; }
  int subgraph_count() const { return static_cast<int>(subgraphs_.size()); }
  Subgraph& subgraph(int i) { return *subgraphs_[static_cast<size_t>(i)]; }
  // Resource variables (VAR_HANDLE / ASSIGN_VARIABLE / READ_VARIABLE), by resource id.
  std::map<int32_t, Tensor>& variables() { return variables_; }
  // The id of the resource named (container, shared_name), created on first use.
  int32_t ResourceId(const std::string& container, const std::string& shared_name);

 private:
  explicit Interpreter(const Model& model, const InterpreterOptions& options) : model_(model), options_(options) {}
  Status ApplyDelegates();

  const Model& model_;
  InterpreterOptions options_;
  std::unique_ptr<ThreadPool> pool_;
  std::vector<std::unique_ptr<Subgraph>> subgraphs_;
  std::atomic<bool> cancel_{false};
  bool prepared_ = false;
  std::vector<std::chrono::nanoseconds> node_times_;
  std::map<int32_t, Tensor> variables_;
  std::map<std::pair<std::string, std::string>, int32_t> resource_ids_;
  std::vector<std::string> placement_;
};

}  // namespace litescope
