// BatchNormalization (inference: MUL + ADD with per-channel constants; passes/ fold them into a
// preceding convolution) and LayerNormalization (MEAN, SUB, MUL, MEAN, ADD, RSQRT, MUL, MUL, ADD).
#include <algorithm>
#include <cmath>

#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {
namespace {

using tflite::BuiltinOperator;

std::vector<int> Axes(const nlohmann::json& config, int fallback) {
  const nlohmann::json a = config.value("axis", nlohmann::json(fallback));
  std::vector<int> out;
  if (a.is_array()) {
    for (const auto& x : a) out.push_back(x.get<int>());
  } else {
    out.push_back(a.get<int>());
  }
  return out;
}

Result<int> RankOf(LayerContext& ctx, int v) {
  if (ctx.value(v).has_rank) return static_cast<int>(ctx.value(v).shape.size());
  Result<ir::Dims> s = ctx.Shape(v);
  if (!s.ok()) return s.status();
  return static_cast<int>(s->size());
}

// The shape a per-channel constant for `axis` of a rank-`rank` tensor broadcasts with.
ir::Dims ChannelShape(int axis, int rank, int channels) {
  ir::Dims d(static_cast<size_t>(rank - axis), 1);
  d[0] = channels;
  return d;
}

}  // namespace

Status ConvertBatchNormalization(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const bool scale = ctx.config().value("scale", true), center = ctx.config().value("center", true);
  const float epsilon = ctx.config().value("epsilon", 1e-3f);
  const std::vector<int> axes = Axes(ctx.config(), -1);
  if (axes.size() != 1) return ctx.Unsupported("normalization over several axes");
  const int in = ctx.input();
  Result<int> rank = RankOf(ctx, in);
  if (!rank.ok()) return rank.status();
  const int axis = axes[0] < 0 ? axes[0] + *rank : axes[0];
  if (axis <= 0 || axis >= *rank) return ctx.Error("axis " + std::to_string(axes[0]) + " out of range for rank " + std::to_string(*rank));
  const int position_mean = (scale ? 1 : 0) + (center ? 1 : 0);
  Result<const Weight*> mean = ctx.RequireWeight("moving_mean", position_mean, 1);
  if (!mean.ok()) return mean.status();
  Result<const Weight*> var = ctx.RequireWeight("moving_variance", position_mean + 1, 1);
  if (!var.ok()) return var.status();
  const size_t channels = (*mean)->data.size();
  const Weight* gamma = scale ? ctx.FindWeight("gamma", 0) : nullptr;
  const Weight* beta = center ? ctx.FindWeight("beta", scale ? 1 : 0) : nullptr;
  if ((scale && gamma == nullptr) || (center && beta == nullptr)) return ctx.Error("is missing its gamma or beta weight");
  for (const Weight* w : {*var, gamma, beta})
    if (w != nullptr && w->data.size() != channels) return ctx.Error("weight " + w->name + " does not have " + std::to_string(channels) + " values");
  if (const ir::Value& x = ctx.value(in); x.static_shape() && x.shape[static_cast<size_t>(axis)] != static_cast<int32_t>(channels))
    return ctx.Error("input " + x.name + " has " + std::to_string(x.shape[static_cast<size_t>(axis)]) + " channels, the weights " + std::to_string(channels));
  // y = gamma * (x - mean) / sqrt(var + eps) + beta = x * s + (beta - mean * s).
  std::vector<float> mul(channels), add(channels);
  for (size_t c = 0; c < channels; ++c) {
    const float s = (gamma != nullptr ? gamma->data[c] : 1.0f) / std::sqrt((*var)->data[c] + epsilon);
    mul[c] = s;
    add[c] = (beta != nullptr ? beta->data[c] : 0.0f) - (*mean)->data[c] * s;
  }
  const ir::Dims shape = ChannelShape(axis, *rank, static_cast<int>(channels));
  const int scaled = ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, in, ctx.Constant("scale", shape, mul), "mul");
  ctx.outputs = {ctx.Binary(BuiltinOperator::BuiltinOperator_ADD, scaled, ctx.Constant("offset", shape, add), "add")};
  return Status::Ok();
}

Status ConvertLayerNormalization(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const int in = ctx.input();
  Result<ir::Dims> shape = ctx.Shape(in);
  if (!shape.ok()) return shape.status();
  const int rank = static_cast<int>(shape->size());
  std::vector<int> axes = Axes(ctx.config(), -1);
  for (int& a : axes) a = a < 0 ? a + rank : a;
  std::sort(axes.begin(), axes.end());
  // Only trailing axes: the gamma / beta weights then broadcast as saved.
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] != rank - static_cast<int>(axes.size()) + static_cast<int>(i) || axes[i] <= 0)
      return ctx.Unsupported("normalization over axes other than the trailing ones");
  const float epsilon = ctx.config().value("epsilon", 1e-3f);
  ir::Dims param_shape;
  for (int a : axes) param_shape.push_back((*shape)[static_cast<size_t>(a)]);
  const int axes_v = ctx.ConstantInt("axes", {static_cast<int32_t>(axes.size())}, std::vector<int32_t>(axes.begin(), axes.end()));
  tflite::ReducerOptionsT keep;
  keep.keep_dims = true;
  ir::Dims reduced = *shape;
  for (int a : axes) reduced[static_cast<size_t>(a)] = 1;
  const int mean = ctx.Emit(BuiltinOperator::BuiltinOperator_MEAN, Options(keep), {in, axes_v}, "mean", reduced);
  const int centered = ctx.Binary(BuiltinOperator::BuiltinOperator_SUB, in, mean, "centered");
  const int squared = ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, centered, centered, "squared");
  const int var = ctx.Emit(BuiltinOperator::BuiltinOperator_MEAN, Options(keep), {squared, axes_v}, "variance", reduced);
  const int var_eps = ctx.Binary(BuiltinOperator::BuiltinOperator_ADD, var, ctx.ScalarConstant("epsilon", epsilon), "variance_epsilon");
  const int inv = ctx.Unary(BuiltinOperator::BuiltinOperator_RSQRT, var_eps, "rsqrt");
  int out = ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, centered, inv, "normalized");
  if (ctx.config().value("scale", true)) {
    const Weight* gamma = ctx.FindWeight("gamma", 0);
    if (gamma == nullptr) return ctx.Error("has no saved weight gamma");
    out = ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, out, ctx.Constant("gamma", param_shape, gamma->data), "scaled");
  }
  if (ctx.config().value("center", true)) {
    const Weight* beta = ctx.FindWeight("beta", ctx.config().value("scale", true) ? 1 : 0);
    if (beta == nullptr) return ctx.Error("has no saved weight beta");
    out = ctx.Binary(BuiltinOperator::BuiltinOperator_ADD, out, ctx.Constant("beta", param_shape, beta->data), "shifted");
  }
  ctx.outputs = {out};
  return Status::Ok();
}

}  // namespace litescope::keras
