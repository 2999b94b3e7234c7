#include "converter/passes/fold_pad.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "converter/passes/pass_util.h"

namespace litescope {
namespace {

struct Geometry {
  tflite::Padding* padding = nullptr;
  int stride[2] = {1, 1}, dilation[2] = {1, 1}, kernel[2] = {1, 1};
};

// The padding field and window of an op that can absorb a PAD, or nullopt.
std::optional<Geometry> GeometryOf(ir::Graph& g, ir::Node& n) {
  Geometry w;
  if (auto* c = n.options.AsConv2DOptions(); c != nullptr && n.op == tflite::BuiltinOperator_CONV_2D) {
    w = {&c->padding, {c->stride_h, c->stride_w}, {c->dilation_h_factor, c->dilation_w_factor}, {}};
  } else if (auto* d = n.options.AsDepthwiseConv2DOptions(); d != nullptr && n.op == tflite::BuiltinOperator_DEPTHWISE_CONV_2D) {
    w = {&d->padding, {d->stride_h, d->stride_w}, {d->dilation_h_factor, d->dilation_w_factor}, {}};
  } else if (auto* p = n.options.AsPool2DOptions(); p != nullptr && n.op == tflite::BuiltinOperator_MAX_POOL_2D) {
    return Geometry{&p->padding, {p->stride_h, p->stride_w}, {1, 1}, {p->filter_height, p->filter_width}};
  } else {
    return std::nullopt;
  }
  // Convolutions: the filter is [O, KH, KW, I] or [1, KH, KW, O].
  if (n.inputs.size() < 2 || n.inputs[1] < 0) return std::nullopt;
  const ir::Value& f = g.values[static_cast<size_t>(n.inputs[1])];
  if (!f.static_shape() || f.shape.size() != 4) return std::nullopt;
  w.kernel[0] = f.shape[1];
  w.kernel[1] = f.shape[2];
  return w;
}

// True when the PAD's value is what the consumer's SAME padding uses.
bool PadsWithSameValue(const ir::Graph& g, const ir::Node& pad, bool max_pool) {
  const ir::Value& x = g.values[static_cast<size_t>(pad.inputs[0])];
  const bool quantized = x.type != tflite::TensorType_FLOAT32;
  if (pad.op == tflite::BuiltinOperator_PAD || pad.inputs.size() < 3 || pad.inputs[2] < 0) return !max_pool;  // pads with 0 / the zero point
  const ir::Value& v = g.values[static_cast<size_t>(pad.inputs[2])];
  if (!v.is_constant() || v.data->empty() || v.type != x.type) return false;
  if (quantized) {
    if (max_pool || (x.type != tflite::TensorType_INT8 && x.type != tflite::TensorType_UINT8)) return false;
    const int64_t q = x.type == tflite::TensorType_INT8 ? int64_t{v.as<int8_t>()[0]} : int64_t{v.as<uint8_t>()[0]};
    return x.quant.zero_point.size() == 1 && q == x.quant.zero_point[0];
  }
  const float f = v.as<float>()[0];
  return max_pool ? (f <= -FLT_MAX) : f == 0.0f;
}

}  // namespace

int FoldPad(ir::Graph& g) {
  const std::vector<int> producers = g.Producers();
  const std::vector<std::vector<int>> consumers = g.Consumers();
  std::vector<char> dead(g.nodes.size(), 0);
  int folded = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    ir::Node& op = g.nodes[i];
    std::optional<Geometry> w = GeometryOf(g, op);
    if (!w || *w->padding != tflite::Padding_VALID || op.inputs.empty() || op.inputs[0] < 0) continue;
    const int padded = op.inputs[0];
    const int p = producers[static_cast<size_t>(padded)];
    if (p < 0 || dead[static_cast<size_t>(p)] || !passes::OnlyFeeds(g, consumers, padded)) continue;
    const ir::Node& pad = g.nodes[static_cast<size_t>(p)];
    if (pad.op != tflite::BuiltinOperator_PAD && pad.op != tflite::BuiltinOperator_PADV2) continue;
    if (pad.inputs.size() < 2 || !PadsWithSameValue(g, pad, op.op == tflite::BuiltinOperator_MAX_POOL_2D)) continue;
    const ir::Value& x = g.values[static_cast<size_t>(pad.inputs[0])];
    const std::optional<std::vector<int32_t>> counts = passes::ConstInts(g, pad.inputs[1]);
    if (!x.static_shape() || x.shape.size() != 4 || !counts || counts->size() != 8) continue;
    const std::vector<int32_t>& c = *counts;
    bool same = c[0] == 0 && c[1] == 0 && c[6] == 0 && c[7] == 0;
    for (int d = 0; d < 2 && same; ++d) {
      const int in = x.shape[static_cast<size_t>(1 + d)], s = w->stride[d], eff = (w->kernel[d] - 1) * w->dilation[d] + 1;
      const int total = std::max(((in + s - 1) / s - 1) * s + eff - in, 0);
      same = c[static_cast<size_t>(2 + 2 * d)] == total / 2 && c[static_cast<size_t>(3 + 2 * d)] == total - total / 2;
    }
    if (!same) continue;
    *w->padding = tflite::Padding_SAME;
    op.inputs[0] = pad.inputs[0];
    if (!pad.source.empty() && pad.source != op.source) op.source = pad.source + " + " + op.source;
    dead[static_cast<size_t>(p)] = 1;
    ++folded;
  }
  passes::EraseNodes(g, dead);
  return folded;
}

}  // namespace litescope
