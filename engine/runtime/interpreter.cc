#include "engine/runtime/interpreter.h"

#include <cstring>
#include <new>

#include "engine/runtime/memory_planner.h"

namespace litescope {

// ---- OpContext ----------------------------------------------------------------------------

int OpContext::input_count() const { return static_cast<int>(node_.inputs.size()); }
int OpContext::output_count() const { return static_cast<int>(node_.outputs.size()); }

const Tensor* OpContext::input(int i) const {
  if (i < 0 || i >= input_count() || node_.inputs[static_cast<size_t>(i)] < 0) return nullptr;
  return &graph_.tensors()[static_cast<size_t>(node_.inputs[static_cast<size_t>(i)])];
}

Tensor* OpContext::output(int i) {
  return &graph_.tensors()[static_cast<size_t>(node_.outputs[static_cast<size_t>(i)])];
}

bool OpContext::input_is_constant(int i) const {
  const Tensor* t = input(i);
  return t != nullptr && t->storage == Storage::kConstant;
}

const OperatorView& OpContext::op() const { return node_.op; }

const Tensor* OpContext::intermediate(int i) const {
  const std::span<const int32_t> list = node_.op.intermediates();
  if (i < 0 || static_cast<size_t>(i) >= list.size() || list[static_cast<size_t>(i)] < 0) return nullptr;
  return &graph_.tensors()[static_cast<size_t>(list[static_cast<size_t>(i)])];
}

Status OpContext::ResizeOutput(int i, Shape shape) {
  for (int32_t d : shape) {
    if (d < 0) return Error("output " + std::to_string(i) + " would have shape " + ShapeString(shape));
  }
  output(i)->shape = std::move(shape);
  return Status::Ok();
}

void OpContext::SetOutputDynamic(int i) { node_.dynamic_outputs[static_cast<size_t>(i)] = true; }

Status OpContext::ResizeDynamicOutput(int i, Shape shape) {
  LITESCOPE_RETURN_IF_ERROR(ResizeOutput(i, std::move(shape)));
  Tensor* t = output(i);
  size_t bytes = static_cast<size_t>(t->elements()) * ElementSize(t->type);
  if (t->storage != Storage::kDynamic || t->bytes() != bytes) {
    try {
      t->AllocateOwned(Storage::kDynamic, bytes);
    } catch (const std::bad_alloc&) {
      return Error("out of memory for " + std::to_string(bytes) + " bytes of output " + std::to_string(i));
    }
  }
  return Status::Ok();
}

int OpContext::threads() const { return graph_.interpreter().pool().threads(); }
ThreadPool& OpContext::pool() const { return graph_.interpreter().pool(); }
Subgraph& OpContext::subgraph(int index) const { return graph_.interpreter().subgraph(index); }
Interpreter& OpContext::interpreter() const { return graph_.interpreter(); }

std::string OpContext::label() const {
  std::string l = "node " + std::to_string(node_.index) + " (" + node_.op.name() + ")";
  if (!node_.delegate.empty()) {
    l = "delegate " + node_.delegate + " (nodes " + std::to_string(node_.covers.front()) + ".." +
        std::to_string(node_.covers.back()) + ")";
  }
  if (graph_.view().index() != 0) l = "subgraph " + std::to_string(graph_.view().index()) + " " + l;
  return l;
}

Status OpContext::Error(const std::string& message) const { return InvalidArgument(label() + ": " + message); }

// ---- Subgraph -----------------------------------------------------------------------------

Subgraph::Subgraph(const Model& model, int index, Interpreter& interpreter)
    : view_(model.subgraph(index)), interpreter_(interpreter) {
  tensors_.resize(static_cast<size_t>(view_.tensor_count()));
  for (int i = 0; i < view_.tensor_count(); ++i) {
    TensorView v = view_.tensor(i);
    Tensor& t = tensors_[static_cast<size_t>(i)];
    t.name = std::string(v.name());
    t.type = v.type();
    t.shape.assign(v.shape().begin(), v.shape().end());
    t.shape_signature.assign(v.shape_signature().begin(), v.shape_signature().end());
    QuantizationView q = v.quantization();
    t.quant.scale.assign(q.scale.begin(), q.scale.end());
    t.quant.zero_point.assign(q.zero_point.begin(), q.zero_point.end());
    t.quant.axis = q.quantized_dimension;
    t.is_variable = v.is_variable();
    std::span<const uint8_t> data = v.data();
    if (t.is_variable) {
      // State that persists across invokes. TFLite (ResetVariableTensor) starts a variable without
      // a buffer at zero bytes, an INT8 one at its zero point.
      const size_t state_bytes = static_cast<size_t>(std::max<int64_t>(0, t.elements())) * ElementSize(t.type);
      t.AllocateOwned(Storage::kPersistent, std::max(data.size(), state_bytes));
      if (!data.empty()) {
        std::memcpy(t.raw(), data.data(), data.size());
      } else if (t.type == tflite::TensorType_INT8 && !t.quant.zero_point.empty()) {
        std::memset(t.raw(), static_cast<int>(static_cast<int8_t>(t.quant.zero_point[0])), t.bytes());
      }
    } else if (!data.empty()) {
      size_t align = std::max<size_t>(1, ElementSize(t.type));
      if (reinterpret_cast<uintptr_t>(data.data()) % align == 0) {
        // Kernels never write to inputs: the mapped weights are used in place.
        t.SetExternal(Storage::kConstant, const_cast<uint8_t*>(data.data()), data.size());
      } else {  // a writer that did not align its buffers: copy once rather than load unaligned
        t.AllocateOwned(Storage::kConstant, data.size());
        std::memcpy(t.raw(), data.data(), data.size());
      }
    }
  }
}

Status Subgraph::CreateKernels(const OpRegistry& registry) {
  for (const OperatorView& op : view_.operators()) {
    KernelFactory factory = registry.Find(op.code());
    if (factory == nullptr) {
      std::string what = op.builtin() == tflite::BuiltinOperator_CUSTOM
                             ? "custom op '" + std::string(op.code().custom_code) + "' is not registered"
                             : "Litescope has no kernel for " + op.name() + " yet";
      std::string where = "node " + std::to_string(op.index()) + " (" + op.name() + ")";
      if (view_.index() != 0) where = "subgraph " + std::to_string(view_.index()) + " " + where;
      return Unsupported(where + ": " + what);
    }
    Node node{op.index(), op, factory(), {op.inputs().begin(), op.inputs().end()},
              {op.outputs().begin(), op.outputs().end()}, {}};
    node.dynamic_outputs.assign(node.outputs.size(), false);
    nodes_.push_back(std::move(node));
  }
  return Status::Ok();
}

Status Subgraph::Prepare() {
  for (Node& node : nodes_) {
    std::fill(node.dynamic_outputs.begin(), node.dynamic_outputs.end(), false);
    OpContext ctx(*this, node);
    LITESCOPE_RETURN_IF_ERROR(node.kernel->Prepare(ctx));
  }
  return PlanMemory();
}

Status Subgraph::PlanMemory() {
  const int n = static_cast<int>(nodes_.size());
  std::vector<int> first(tensors_.size(), n + 1), last(tensors_.size(), -2);
  std::vector<bool> dynamic(tensors_.size(), false);
  auto use = [&](int32_t t, int at) {
    if (t < 0) return;
    first[static_cast<size_t>(t)] = std::min(first[static_cast<size_t>(t)], at);
    last[static_cast<size_t>(t)] = std::max(last[static_cast<size_t>(t)], at);
  };
  // Graph inputs and outputs stay valid for the whole run (callers fill and read them).
  for (int32_t t : view_.inputs()) use(t, -1), use(t, n);
  for (int32_t t : view_.outputs()) use(t, -1), use(t, n);
  for (int pos = 0; pos < n; ++pos) {
    Node& node = nodes_[static_cast<size_t>(pos)];
    node.prepare_at_eval = false;
    for (int32_t t : node.inputs) {
      use(t, pos);
      // A value whose shape is known only at eval time makes its consumers' outputs so too.
      if (t >= 0 && dynamic[static_cast<size_t>(t)]) node.prepare_at_eval = true;
    }
    for (size_t o = 0; o < node.outputs.size(); ++o) {
      use(node.outputs[o], pos);
      if (node.dynamic_outputs[o] || node.prepare_at_eval) dynamic[static_cast<size_t>(node.outputs[o])] = true;
    }
  }
  std::vector<Allocation> allocations;
  std::vector<size_t> planned;
  for (size_t t = 0; t < tensors_.size(); ++t) {
    Tensor& tensor = tensors_[t];
    if (tensor.storage == Storage::kConstant || tensor.storage == Storage::kPersistent) continue;
    if (dynamic[t] || last[t] < -1) {
      if (tensor.storage == Storage::kArena) tensor.SetExternal(Storage::kNone, nullptr, 0);
      continue;
    }
    size_t bytes = static_cast<size_t>(tensor.elements()) * ElementSize(tensor.type);
    if (interpreter_.options().keep_intermediates) allocations.push_back({bytes, -1, n});
    else allocations.push_back({bytes, first[t], last[t]});
    planned.push_back(t);
  }
  ArenaPlan plan = PlanArena(allocations);
  try {
    arena_ = AlignedBuffer(plan.arena_bytes);
  } catch (const std::bad_alloc&) {
    return InvalidArgument("out of memory: the tensors need an arena of " + std::to_string(plan.arena_bytes) +
                           " bytes");
  }
  naive_bytes_ = plan.naive_bytes;
  for (size_t i = 0; i < planned.size(); ++i) {
    tensors_[planned[i]].SetExternal(Storage::kArena, arena_.data() + plan.offsets[i], allocations[i].bytes);
  }
  return Status::Ok();
}

Status Subgraph::Invoke(std::vector<std::chrono::nanoseconds>* times) {
  if (times != nullptr) times->assign(nodes_.size(), std::chrono::nanoseconds(0));
  for (size_t pos = 0; pos < nodes_.size(); ++pos) {
    Node& node = nodes_[pos];
    if (interpreter_.cancelled()) return Cancelled("invoke cancelled before node " + std::to_string(node.index));
    OpContext ctx(*this, node);
    auto start = std::chrono::steady_clock::now();
    if (node.prepare_at_eval) {
      std::fill(node.dynamic_outputs.begin(), node.dynamic_outputs.end(), false);
      LITESCOPE_RETURN_IF_ERROR(node.kernel->Prepare(ctx));
      for (size_t o = 0; o < node.outputs.size(); ++o) {
        if (node.dynamic_outputs[o]) continue;  // the kernel sizes it in Eval
        int i = static_cast<int>(o);
        LITESCOPE_RETURN_IF_ERROR(ctx.ResizeDynamicOutput(i, ctx.output(i)->shape));
      }
    }
    LITESCOPE_RETURN_IF_ERROR(node.kernel->Eval(ctx));
    if (times != nullptr) (*times)[pos] = std::chrono::steady_clock::now() - start;
  }
  return Status::Ok();
}

// ---- Interpreter --------------------------------------------------------------------------

Result<std::unique_ptr<Interpreter>> Interpreter::Create(const Model& model, const OpRegistry& registry,
                                                         const InterpreterOptions& options) {
  std::unique_ptr<Interpreter> it(new Interpreter(model, options));
  it->pool_ = std::make_unique<ThreadPool>(std::max(1, options.threads));
  const std::string context = "failed to prepare " + model.path();
  try {
    for (int s = 0; s < model.subgraph_count(); ++s) it->subgraphs_.push_back(std::make_unique<Subgraph>(model, s, *it));
  } catch (const std::bad_alloc&) {
    return InvalidArgument(context + ": out of memory while creating the tensors");
  }
  for (auto& subgraph : it->subgraphs_) {
    Status s = subgraph->CreateKernels(registry);
    if (!s.ok()) return s.WithContext(context);
  }
  Status s = it->AllocateTensors();
  if (s.ok()) s = it->ApplyDelegates();
  if (!s.ok()) return s.WithContext(context);
  return it;
}

Status Interpreter::ApplyDelegates() {
  Subgraph& main = subgraph(0);
  placement_.assign(main.nodes().size(), "cpu");
  for (Delegate* delegate : options_.delegates) {
    std::vector<Node>& nodes = main.nodes();
    std::vector<NodeInfo> infos;
    std::vector<bool> supported;
    std::vector<std::vector<int32_t>> ins, outs;
    for (Node& node : nodes) {
      NodeInfo info{node.index, node.op.builtin(), &node.op, {}, {}};
      for (int32_t t : node.inputs) info.inputs.push_back(t < 0 ? nullptr : &main.tensor(t));
      for (int32_t t : node.outputs) info.outputs.push_back(&main.tensor(t));
      supported.push_back(node.delegate.empty() && delegate->Supports(info));
      infos.push_back(std::move(info));
      ins.push_back(node.inputs);
      outs.push_back(node.outputs);
    }
    std::vector<int32_t> graph_outputs(main.view().outputs().begin(), main.view().outputs().end());
    std::vector<Partition> partitions = PartitionNodes(supported, ins, outs, graph_outputs, options_.partitioning);
    if (partitions.empty()) continue;
    std::vector<Node> replaced;
    size_t next = 0;
    for (const Partition& p : partitions) {
      for (; next < static_cast<size_t>(p.nodes.front()); ++next) replaced.push_back(std::move(nodes[next]));
      std::vector<NodeInfo> covered;
      for (int n : p.nodes) covered.push_back(infos[static_cast<size_t>(n)]);
      Result<std::unique_ptr<Kernel>> kernel = delegate->CreateKernel(p, covered);
      if (!kernel.ok()) return kernel.status().WithContext("delegate " + delegate->name());
      Node node{nodes[next].index, nodes[next].op, std::move(kernel).value(), p.inputs, p.outputs, {}};
      node.dynamic_outputs.assign(p.outputs.size(), false);
      node.delegate = delegate->name();
      for (int n : p.nodes) {
        node.covers.push_back(nodes[static_cast<size_t>(n)].index);
        placement_[static_cast<size_t>(nodes[static_cast<size_t>(n)].index)] = delegate->name();
      }
      replaced.push_back(std::move(node));
      next = static_cast<size_t>(p.nodes.back()) + 1;
    }
    for (; next < nodes.size(); ++next) replaced.push_back(std::move(nodes[next]));
    nodes = std::move(replaced);
  }
  return options_.delegates.empty() ? Status::Ok() : AllocateTensors();
}

int32_t Interpreter::ResourceId(const std::string& container, const std::string& shared_name) {
  auto [it, added] = resource_ids_.try_emplace({container, shared_name}, static_cast<int32_t>(resource_ids_.size()));
  return it->second;
}

size_t Interpreter::arena_bytes() const {
  size_t total = 0;
  for (const auto& s : subgraphs_) total += s->arena_bytes();
  return total;
}

size_t Interpreter::naive_bytes() const {
  size_t total = 0;
  for (const auto& s : subgraphs_) total += s->naive_bytes();
  return total;
}

Status Interpreter::ResizeInput(int i, const Shape& shape, int subgraph_index) {
  if (subgraph_index < 0 || subgraph_index >= subgraph_count()) {
    return InvalidArgument("subgraph " + std::to_string(subgraph_index) + " does not exist");
  }
  Subgraph& sg = subgraph(subgraph_index);
  if (i < 0 || i >= sg.input_count()) {
    return InvalidArgument("input " + std::to_string(i) + " does not exist (the model has " +
                           std::to_string(sg.input_count()) + " inputs)");
  }
  Tensor& t = sg.input(i);
  const Shape& signature = t.shape_signature.empty() ? t.shape : t.shape_signature;
  bool ok = signature.size() == shape.size();
  for (size_t d = 0; ok && d < shape.size(); ++d) {
    ok = shape[d] >= 0 && (signature[d] == -1 || signature[d] == shape[d]);
  }
  if (!ok) {
    return InvalidArgument("cannot resize input " + std::to_string(i) + " (" + t.name + ") to " + ShapeString(shape) +
                           ": its shape is " + ShapeString(signature) + " (-1 marks the dimensions that may change)");
  }
  t.shape = shape;
  prepared_ = false;
  return Status::Ok();
}

Status Interpreter::AllocateTensors() {
  // Subgraphs run by control flow are prepared by their caller's kernel, with the caller's
  // shapes; the main subgraph and those only reachable through signatures are prepared here.
  Status s = subgraphs_[0]->Prepare();
  for (const SignatureView& sig : model_.signatures()) {
    if (s.ok() && sig.subgraph_index != 0) s = subgraph(sig.subgraph_index).Prepare();
  }
  prepared_ = s.ok();
  return s;
}

Status Interpreter::InvokeSubgraph(int index) {
  if (!prepared_) return InvalidArgument("the tensors are not allocated: call AllocateTensors() first");
  if (index < 0 || index >= subgraph_count()) return InvalidArgument("subgraph " + std::to_string(index) + " does not exist");
  cancel_.store(false);
  return subgraph(index).Invoke(index == 0 && options_.profile ? &node_times_ : nullptr);
}

}  // namespace litescope
