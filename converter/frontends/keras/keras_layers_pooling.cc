// Pooling: MaxPooling1D/2D, AveragePooling1D/2D (1-D ones pool a [batch, 1, steps, channels]
// view), GlobalAveragePooling1D/2D (MEAN), GlobalMaxPooling1D/2D (REDUCE_MAX).
#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {
namespace {

using tflite::BuiltinOperator;

int PoolOut(int in, int k, int s, bool same) { return same ? (in + s - 1) / s : (in < k ? 0 : (in - k) / s + 1); }

Result<int> Pool2D(LayerContext& ctx, BuiltinOperator op, int in, int kh, int kw, int sh, int sw) {
  const std::string padding = ctx.config().value("padding", std::string("valid"));
  if (padding != "same" && padding != "valid") return ctx.Unsupported("padding " + padding);
  if (ctx.config().value("data_format", std::string("channels_last")) == "channels_first")
    return ctx.Unsupported("data_format channels_first (TFLite is channels_last)");
  const bool same = padding == "same";
  tflite::Pool2DOptionsT o;
  o.padding = same ? tflite::Padding_SAME : tflite::Padding_VALID;
  o.filter_height = kh;
  o.filter_width = kw;
  o.stride_h = sh;
  o.stride_w = sw;
  std::optional<ir::Dims> shape;
  if (const ir::Value& x = ctx.value(in); x.static_shape() && x.shape.size() == 4)
    shape = ir::Dims{x.shape[0], PoolOut(x.shape[1], kh, sh, same), PoolOut(x.shape[2], kw, sw, same), x.shape[3]};
  return ctx.Emit(op, Options(o), {in}, op == BuiltinOperator::BuiltinOperator_MAX_POOL_2D ? "max_pool_2d" : "average_pool_2d", shape);
}

Status Pooling2D(LayerContext& ctx, BuiltinOperator op) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const std::vector<int> k = ctx.Ints("pool_size", 2, 2);
  const std::vector<int> s = ctx.Ints("strides", 2, 0);  // null: the pool size
  Result<int> out = Pool2D(ctx, op, ctx.input(), k[0], k[1], s[0] > 0 ? s[0] : k[0], s[1] > 0 ? s[1] : k[1]);
  if (!out.ok()) return out.status();
  ctx.outputs = {*out};
  return Status::Ok();
}

Status Pooling1D(LayerContext& ctx, BuiltinOperator op) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const int k = ctx.Ints("pool_size", 1, 2)[0];
  const int s0 = ctx.Ints("strides", 1, 0)[0];
  const int s = s0 > 0 ? s0 : k;
  Result<ir::Dims> shape = ctx.Shape(ctx.input());
  if (!shape.ok()) return shape.status();
  if (shape->size() != 3) return ctx.Error("expects a [batch, steps, channels] input");
  const ir::Dims& d = *shape;
  const int expanded = ctx.Emit(BuiltinOperator::BuiltinOperator_EXPAND_DIMS, Options(tflite::ExpandDimsOptionsT{}),
                                {ctx.input(), ctx.ConstantInt("expand_axis", {}, {1})}, "expand", ir::Dims{d[0], 1, d[1], d[2]});
  Result<int> pooled = Pool2D(ctx, op, expanded, 1, k, 1, s);
  if (!pooled.ok()) return pooled.status();
  tflite::SqueezeOptionsT sq;
  sq.squeeze_dims = {1};
  std::optional<ir::Dims> out_shape;
  if (const ir::Value& p = ctx.value(*pooled); p.static_shape()) out_shape = ir::Dims{p.shape[0], p.shape[2], p.shape[3]};
  ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_SQUEEZE, Options(sq), {*pooled}, "squeeze", out_shape)};
  return Status::Ok();
}

// MEAN / REDUCE_MAX over every axis but the batch and the channels.
Status GlobalPooling(LayerContext& ctx, BuiltinOperator op) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  if (ctx.config().value("data_format", std::string("channels_last")) == "channels_first")
    return ctx.Unsupported("data_format channels_first (TFLite is channels_last)");
  Result<ir::Dims> shape = ctx.Shape(ctx.input());
  if (!shape.ok()) return shape.status();
  if (shape->size() < 3) return ctx.Error("expects an input of rank >= 3");
  const bool keepdims = ctx.config().value("keepdims", false);
  std::vector<int32_t> axes;
  ir::Dims out = {shape->front()};
  for (size_t i = 1; i + 1 < shape->size(); ++i) {
    axes.push_back(static_cast<int32_t>(i));
    if (keepdims) out.push_back(1);
  }
  out.push_back(shape->back());
  tflite::ReducerOptionsT o;
  o.keep_dims = keepdims;
  const int a = ctx.ConstantInt("axes", {static_cast<int32_t>(axes.size())}, axes);
  ctx.outputs = {ctx.Emit(op, Options(o), {ctx.input(), a}, op == BuiltinOperator::BuiltinOperator_MEAN ? "mean" : "reduce_max", out)};
  return Status::Ok();
}

}  // namespace

Status ConvertMaxPooling1D(LayerContext& ctx) { return Pooling1D(ctx, BuiltinOperator::BuiltinOperator_MAX_POOL_2D); }
Status ConvertAveragePooling1D(LayerContext& ctx) { return Pooling1D(ctx, BuiltinOperator::BuiltinOperator_AVERAGE_POOL_2D); }
Status ConvertMaxPooling2D(LayerContext& ctx) { return Pooling2D(ctx, BuiltinOperator::BuiltinOperator_MAX_POOL_2D); }
Status ConvertAveragePooling2D(LayerContext& ctx) { return Pooling2D(ctx, BuiltinOperator::BuiltinOperator_AVERAGE_POOL_2D); }
Status ConvertGlobalAveragePooling(LayerContext& ctx) { return GlobalPooling(ctx, BuiltinOperator::BuiltinOperator_MEAN); }
Status ConvertGlobalMaxPooling(LayerContext& ctx) { return GlobalPooling(ctx, BuiltinOperator::BuiltinOperator_REDUCE_MAX); }

}  // namespace litescope::keras
