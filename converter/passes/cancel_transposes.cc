#include "converter/passes/cancel_transposes.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <optional>
#include <set>

#include "converter/passes/pass_util.h"
#include "converter/passes/remove_dead_nodes.h"
#include "engine/model/tensor_type.h"

namespace litescope {
namespace {

using Perm = std::vector<int32_t>;
using passes::ConstInts;
using passes::OnlyFeeds;

const std::set<tflite::BuiltinOperator> kUnary = {
    tflite::BuiltinOperator_RELU,     tflite::BuiltinOperator_RELU6,      tflite::BuiltinOperator_RELU_N1_TO_1,
    tflite::BuiltinOperator_RELU_0_TO_1, tflite::BuiltinOperator_LOGISTIC, tflite::BuiltinOperator_TANH,
    tflite::BuiltinOperator_ABS,      tflite::BuiltinOperator_NEG,        tflite::BuiltinOperator_EXP,
    tflite::BuiltinOperator_LOG,      tflite::BuiltinOperator_SQRT,       tflite::BuiltinOperator_RSQRT,
    tflite::BuiltinOperator_SQUARE,   tflite::BuiltinOperator_FLOOR,      tflite::BuiltinOperator_CEIL,
    tflite::BuiltinOperator_ROUND,    tflite::BuiltinOperator_SIN,        tflite::BuiltinOperator_COS,
    tflite::BuiltinOperator_HARD_SWISH, tflite::BuiltinOperator_ELU,      tflite::BuiltinOperator_GELU,
    tflite::BuiltinOperator_LEAKY_RELU, tflite::BuiltinOperator_CAST,     tflite::BuiltinOperator_QUANTIZE,
    tflite::BuiltinOperator_DEQUANTIZE, tflite::BuiltinOperator_LOGICAL_NOT, tflite::BuiltinOperator_SIGN,
};

const std::set<tflite::BuiltinOperator> kBinary = {
    tflite::BuiltinOperator_ADD,     tflite::BuiltinOperator_SUB,     tflite::BuiltinOperator_MUL,
    tflite::BuiltinOperator_DIV,     tflite::BuiltinOperator_MAXIMUM, tflite::BuiltinOperator_MINIMUM,
    tflite::BuiltinOperator_POW,     tflite::BuiltinOperator_SQUARED_DIFFERENCE, tflite::BuiltinOperator_PRELU,
};

const std::set<tflite::BuiltinOperator> kReduce = {
    tflite::BuiltinOperator_MEAN, tflite::BuiltinOperator_SUM, tflite::BuiltinOperator_REDUCE_MAX,
    tflite::BuiltinOperator_REDUCE_MIN, tflite::BuiltinOperator_REDUCE_PROD,
};

bool Identity(const Perm& p) {
  for (size_t i = 0; i < p.size(); ++i)
    if (p[i] != static_cast<int32_t>(i)) return false;
  return true;
}

Perm Inverse(const Perm& p) {
  Perm inv(p.size());
  for (size_t i = 0; i < p.size(); ++i) inv[static_cast<size_t>(p[i])] = static_cast<int32_t>(i);
  return inv;
}

// out dim i = in dim p[i].
ir::Dims Permute(const ir::Dims& d, const Perm& p) {
  ir::Dims out(p.size());
  for (size_t i = 0; i < p.size(); ++i) out[i] = d[static_cast<size_t>(p[i])];
  return out;
}

std::optional<Perm> PermOf(const ir::Graph& g, const ir::Node& n) {
  if (n.op != tflite::BuiltinOperator_TRANSPOSE || n.inputs.size() != 2) return std::nullopt;
  std::optional<Perm> p = ConstInts(g, n.inputs[1]);
  if (!p) return std::nullopt;
  for (size_t i = 0; i < p->size(); ++i)
    if ((*p)[i] < 0 || (*p)[i] >= static_cast<int32_t>(p->size())) return std::nullopt;
  return p;
}

// A constant's bytes transposed by `perm` (out dim i = in dim perm[i]), after prepending unit
// dimensions up to perm.size(); nullopt for types without a byte size.
std::optional<int> TransposedConstant(ir::Graph& g, int value, const Perm& perm) {
  const ir::Value v = g.values[static_cast<size_t>(value)];
  const int bits = ElementBits(v.type);
  if (bits < 8 || v.shape.size() > perm.size()) return std::nullopt;
  ir::Dims in(perm.size() - v.shape.size(), 1);
  in.insert(in.end(), v.shape.begin(), v.shape.end());
  const ir::Dims out = Permute(in, perm);
  const size_t elem = static_cast<size_t>(bits / 8), rank = in.size();
  std::vector<size_t> in_stride(rank, 1);
  for (size_t d = rank - 1; d-- > 0;) in_stride[d] = in_stride[d + 1] * static_cast<size_t>(in[d + 1]);
  std::vector<uint8_t> bytes(v.data->size());
  std::vector<int32_t> idx(rank, 0);
  const size_t count = v.data->size() / elem;
  for (size_t o = 0; o < count; ++o) {
    size_t src = 0;
    for (size_t d = 0; d < rank; ++d) src += static_cast<size_t>(idx[d]) * in_stride[static_cast<size_t>(perm[d])];
    std::memcpy(bytes.data() + o * elem, v.data->data() + src * elem, elem);
    for (size_t d = rank; d-- > 0;) {
      if (++idx[d] < out[d]) break;
      idx[d] = 0;
    }
  }
  return g.AddConstant(v.name + "/transposed", v.type, out, std::move(bytes));
}

class Canceller {
 public:
  explicit Canceller(ir::Graph& g) : g_(g) {}

  int Run() {
    const int before = Count();
    while (Step()) {
    }
    while (UnitStep()) {
    }
    RemoveDeadNodes(g_);
    return before - Count();
  }

 private:
  int Count() const {
    return static_cast<int>(std::count_if(g_.nodes.begin(), g_.nodes.end(),
                                          [](const ir::Node& n) { return n.op == tflite::BuiltinOperator_TRANSPOSE; }));
  }

  // One rewrite of R1..R5; false when none applies.
  bool Step() {
    RemoveDeadNodes(g_);
    producers_ = g_.Producers();
    consumers_ = g_.Consumers();
    for (size_t i = 0; i < g_.nodes.size(); ++i) {
      if (Merge(i) || Sink(i)) return true;
    }
    return false;
  }

  // TRANSPOSE(q) of TRANSPOSE(p) -> TRANSPOSE(p o q), or nothing when that is the identity.
  bool Merge(size_t b) {
    ir::Node& outer = g_.nodes[b];
    std::optional<Perm> q = PermOf(g_, outer);
    if (!q) return false;
    if (Identity(*q)) return Bypass(b);
    const int a = producers_[static_cast<size_t>(outer.inputs[0])];
    if (a < 0) return false;
    std::optional<Perm> p = PermOf(g_, g_.nodes[static_cast<size_t>(a)]);
    if (!p || p->size() != q->size()) return false;
    Perm r(q->size());
    for (size_t i = 0; i < q->size(); ++i) r[i] = (*p)[static_cast<size_t>((*q)[i])];
    outer.inputs[0] = g_.nodes[static_cast<size_t>(a)].inputs[0];
    outer.inputs[1] = passes::PermConstant(g_, r, g_.values[static_cast<size_t>(outer.outputs[0])].name + "/perm");
    return true;
  }

  // Removes node `i` (one input, one output) by reading its input wherever its output was read.
  bool Bypass(size_t i) {
    const int in = g_.nodes[i].inputs[0], out = g_.nodes[i].outputs[0];
    // A graph input must not become a graph output by itself through this: keep the node then.
    for (int o : g_.outputs)
      if (o == out && std::find(g_.inputs.begin(), g_.inputs.end(), in) != g_.inputs.end()) return false;
    g_.ReplaceUses(out, in);
    g_.nodes.erase(g_.nodes.begin() + static_cast<std::ptrdiff_t>(i));
    return true;
  }

  // Moves TRANSPOSE node `t` after the single node `c` that reads it, which now reads `source`
  // and writes an untransposed value.
  void MoveAfter(size_t t, size_t c, int output_slot, const ir::Dims& untransposed_shape) {
    ir::Node& consumer = g_.nodes[c];
    const int out = consumer.outputs[static_cast<size_t>(output_slot)];
    const int fresh = g_.AddValueLike(g_.values[static_cast<size_t>(out)].name + "/untransposed", out);
    g_.values[static_cast<size_t>(fresh)].shape = untransposed_shape;
    consumer.outputs[static_cast<size_t>(output_slot)] = fresh;
    ir::Node moved = g_.nodes[t];
    moved.inputs[0] = fresh;
    moved.outputs[0] = out;
    g_.nodes.insert(g_.nodes.begin() + static_cast<std::ptrdiff_t>(c) + 1, std::move(moved));
    g_.nodes.erase(g_.nodes.begin() + static_cast<std::ptrdiff_t>(t));
  }

  // The TRANSPOSE whose output is `value` and is read only there, with its permutation.
  std::optional<std::pair<size_t, Perm>> SoleTranspose(int value) {
    if (value < 0) return std::nullopt;
    const int p = producers_[static_cast<size_t>(value)];
    if (p < 0 || !OnlyFeeds(g_, consumers_, value)) return std::nullopt;
    std::optional<Perm> perm = PermOf(g_, g_.nodes[static_cast<size_t>(p)]);
    if (!perm) return std::nullopt;
    return std::pair{static_cast<size_t>(p), *perm};
  }

  ir::Dims Unpermuted(int value, const Perm& p) {
    const ir::Value& v = g_.values[static_cast<size_t>(value)];
    return v.has_rank && v.shape.size() == p.size() ? Permute(v.shape, Inverse(p)) : ir::Dims{};
  }

  bool Sink(size_t c) {
    ir::Node& n = g_.nodes[c];
    if (n.outputs.size() != 1 || n.inputs.empty()) return false;
    std::optional<std::pair<size_t, Perm>> t = SoleTranspose(n.inputs[0]);
    if (kUnary.contains(n.op) && n.inputs.size() == 1 && t) {
      n.inputs[0] = g_.nodes[t->first].inputs[0];
      MoveAfter(t->first, c, 0, Unpermuted(n.outputs[0], t->second));
      return true;
    }
    if (kBinary.contains(n.op) && n.inputs.size() == 2) return SinkBinary(c);
    if (n.op == tflite::BuiltinOperator_CONCATENATION) return SinkConcat(c);
    if ((n.op == tflite::BuiltinOperator_PAD || n.op == tflite::BuiltinOperator_PADV2 ||
         n.op == tflite::BuiltinOperator_MIRROR_PAD) && t)
      return SinkPad(c, *t);
    if (kReduce.contains(n.op) && t) return SinkReduce(c, *t);
    return false;
  }

  bool SinkBinary(size_t c) {
    ir::Node& n = g_.nodes[c];
    std::optional<std::pair<size_t, Perm>> a = SoleTranspose(n.inputs[0]);
    std::optional<std::pair<size_t, Perm>> b = SoleTranspose(n.inputs[1]);
    if (a && b && a->second == b->second) {
      const Perm p = a->second;
      n.inputs[0] = g_.nodes[a->first].inputs[0];
      n.inputs[1] = g_.nodes[b->first].inputs[0];
      const size_t later = std::max(a->first, b->first), earlier = std::min(a->first, b->first);
      g_.nodes.erase(g_.nodes.begin() + static_cast<std::ptrdiff_t>(later));
      MoveAfter(earlier, c - 1, 0, Unpermuted(g_.nodes[c - 1].outputs[0], p));
      return true;
    }
    for (int side = 0; side < 2; ++side) {
      const std::optional<std::pair<size_t, Perm>>& t = side == 0 ? a : b;
      const int other = n.inputs[static_cast<size_t>(1 - side)];
      if (!t || other < 0 || !g_.values[static_cast<size_t>(other)].is_constant()) continue;
      std::optional<int> moved = TransposedConstant(g_, other, Inverse(t->second));
      if (!moved) continue;
      ir::Node& node = g_.nodes[c];
      node.inputs[static_cast<size_t>(side)] = g_.nodes[t->first].inputs[0];
      node.inputs[static_cast<size_t>(1 - side)] = *moved;
      MoveAfter(t->first, c, 0, Unpermuted(node.outputs[0], t->second));
      return true;
    }
    return false;
  }

  bool SinkConcat(size_t c) {
    ir::Node& n = g_.nodes[c];
    std::vector<std::pair<size_t, Perm>> ts;
    for (int v : n.inputs) {
      std::optional<std::pair<size_t, Perm>> t = SoleTranspose(v);
      if (!t || (!ts.empty() && t->second != ts[0].second)) return false;
      ts.push_back(*t);
    }
    const Perm p = ts[0].second;
    auto* o = n.options.AsConcatenationOptions();
    if (o == nullptr) return false;
    const int rank = static_cast<int>(p.size());
    const int axis = o->axis < 0 ? o->axis + rank : o->axis;
    if (axis < 0 || axis >= rank) return false;
    o->axis = p[static_cast<size_t>(axis)];
    for (size_t k = 0; k < n.inputs.size(); ++k) n.inputs[k] = g_.nodes[ts[k].first].inputs[0];
    std::vector<size_t> order;
    for (const auto& t : ts) order.push_back(t.first);
    std::sort(order.rbegin(), order.rend());
    size_t keep = order.back();
    ir::Node moved = g_.nodes[keep];
    size_t at = c;
    for (size_t idx : order) {
      g_.nodes.erase(g_.nodes.begin() + static_cast<std::ptrdiff_t>(idx));
      if (idx < at) --at;
    }
    g_.nodes.insert(g_.nodes.begin() + static_cast<std::ptrdiff_t>(at), std::move(moved));
    MoveAfter(at, at + 1, 0, Unpermuted(g_.nodes[at + 1].outputs[0], p));
    return true;
  }

  bool SinkPad(size_t c, const std::pair<size_t, Perm>& t) {
    ir::Node& n = g_.nodes[c];
    std::optional<std::vector<int32_t>> pads = n.inputs.size() > 1 ? ConstInts(g_, n.inputs[1]) : std::nullopt;
    if (!pads || pads->size() != 2 * t.second.size()) return false;
    std::vector<int32_t> moved(pads->size());
    for (size_t i = 0; i < t.second.size(); ++i) {
      moved[2 * static_cast<size_t>(t.second[i])] = (*pads)[2 * i];
      moved[2 * static_cast<size_t>(t.second[i]) + 1] = (*pads)[2 * i + 1];
    }
    n.inputs[0] = g_.nodes[t.first].inputs[0];
    n.inputs[1] = g_.AddConstant(g_.values[static_cast<size_t>(n.inputs[1])].name + "/transposed", tflite::TensorType_INT32,
                                 {static_cast<int32_t>(t.second.size()), 2}, moved);
    MoveAfter(t.first, c, 0, Unpermuted(g_.nodes[c].outputs[0], t.second));
    return true;
  }

  bool SinkReduce(size_t c, const std::pair<size_t, Perm>& t) {
    ir::Node& n = g_.nodes[c];
    auto* o = n.options.AsReducerOptions();
    std::optional<std::vector<int32_t>> axes = n.inputs.size() > 1 ? ConstInts(g_, n.inputs[1]) : std::nullopt;
    if (o == nullptr || !o->keep_dims || !axes) return false;
    const int rank = static_cast<int>(t.second.size());
    std::vector<int32_t> moved;
    for (int32_t a : *axes) {
      const int axis = a < 0 ? a + rank : a;
      if (axis < 0 || axis >= rank) return false;
      moved.push_back(t.second[static_cast<size_t>(axis)]);
    }
    n.inputs[0] = g_.nodes[t.first].inputs[0];
    n.inputs[1] = g_.AddConstant(g_.values[static_cast<size_t>(n.inputs[1])].name + "/transposed", tflite::TensorType_INT32,
                                 {static_cast<int32_t>(moved.size())}, moved);
    MoveAfter(t.first, c, 0, Unpermuted(g_.nodes[c].outputs[0], t.second));
    return true;
  }

  // A TRANSPOSE that keeps the order of the non-unit dimensions is a RESHAPE; RESHAPE of RESHAPE
  // is one RESHAPE; a RESHAPE to the same shape is nothing.
  bool UnitStep() {
    RemoveDeadNodes(g_);
    producers_ = g_.Producers();
    consumers_ = g_.Consumers();
    for (size_t i = 0; i < g_.nodes.size(); ++i) {
      ir::Node& n = g_.nodes[i];
      std::optional<Perm> p = PermOf(g_, n);
      const ir::Value& in = g_.values[static_cast<size_t>(n.inputs.empty() ? 0 : n.inputs[0])];
      if (p && in.static_shape() && in.shape.size() == p->size() && KeepsOrder(in.shape, *p)) {
        ToReshape(n, Permute(in.shape, *p));
        return true;
      }
      if (n.op != tflite::BuiltinOperator_RESHAPE || n.inputs.empty()) continue;
      const ir::Value& out = g_.values[static_cast<size_t>(n.outputs[0])];
      if (in.static_shape() && out.static_shape() && in.shape == out.shape) return Bypass(i);
      const int a = producers_[static_cast<size_t>(n.inputs[0])];
      if (a >= 0 && g_.nodes[static_cast<size_t>(a)].op == tflite::BuiltinOperator_RESHAPE && out.static_shape()) {
        n.inputs[0] = g_.nodes[static_cast<size_t>(a)].inputs[0];
        return true;
      }
    }
    return false;
  }

  static bool KeepsOrder(const ir::Dims& shape, const Perm& p) {
    int last = -1;
    for (int32_t axis : p) {
      if (shape[static_cast<size_t>(axis)] == 1) continue;
      if (axis < last) return false;
      last = axis;
    }
    return true;
  }

  void ToReshape(ir::Node& n, const ir::Dims& shape) {
    n.op = tflite::BuiltinOperator_RESHAPE;
    tflite::ReshapeOptionsT o;
    o.new_shape = shape;
    n.options = Options(o);
    n.inputs[1] = g_.AddConstant(g_.values[static_cast<size_t>(n.outputs[0])].name + "/shape", tflite::TensorType_INT32,
                                 {static_cast<int32_t>(shape.size())}, shape);
  }

  ir::Graph& g_;
  std::vector<int> producers_;
  std::vector<std::vector<int>> consumers_;
};

}  // namespace

int CancelTransposes(ir::Graph& g) { return Canceller(g).Run(); }

}  // namespace litescope
