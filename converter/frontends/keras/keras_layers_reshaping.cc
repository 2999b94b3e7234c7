// Spatial reshaping layers: ZeroPadding2D (PAD), Cropping2D (SLICE), UpSampling2D (RESIZE_*).
#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {
namespace {

using tflite::BuiltinOperator;

// Keras' ((top, bottom), (left, right)), (symmetric_h, symmetric_w) or one int, as
// {top, bottom, left, right}.
std::vector<int> FourSides(const LayerContext& ctx, const char* key) {
  const nlohmann::json& v = ctx.config().at(key);
  if (v.is_number()) {
    const int n = v.get<int>();
    return {n, n, n, n};
  }
  if (v.size() != 2) throw nlohmann::json::other_error::create(501, std::string(key) + " must have 2 entries", &v);
  std::vector<int> out;
  for (const auto& side : v) {
    if (side.is_number()) {
      out.push_back(side.get<int>());
      out.push_back(side.get<int>());
    } else {
      if (side.size() != 2) throw nlohmann::json::other_error::create(501, std::string(key) + " entries must be pairs", &side);
      out.push_back(side[0].get<int>());
      out.push_back(side[1].get<int>());
    }
  }
  return out;
}

Status CheckChannelsLast(const LayerContext& ctx) {
  if (ctx.config().value("data_format", std::string("channels_last")) == "channels_first")
    return ctx.Unsupported("data_format channels_first (TFLite is channels_last)");
  return Status::Ok();
}

}  // namespace

Status ConvertZeroPadding2D(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  LITESCOPE_RETURN_IF_ERROR(CheckChannelsLast(ctx));
  const std::vector<int> p = FourSides(ctx, "padding");
  const int pads = ctx.ConstantInt("paddings", {4, 2}, {0, 0, p[0], p[1], p[2], p[3], 0, 0});
  std::optional<ir::Dims> shape;
  if (const ir::Value& x = ctx.value(ctx.input()); x.static_shape() && x.shape.size() == 4)
    shape = ir::Dims{x.shape[0], x.shape[1] + p[0] + p[1], x.shape[2] + p[2] + p[3], x.shape[3]};
  ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_PAD, Options(tflite::PadOptionsT{}), {ctx.input(), pads}, "pad", shape)};
  return Status::Ok();
}

Status ConvertCropping2D(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  LITESCOPE_RETURN_IF_ERROR(CheckChannelsLast(ctx));
  const std::vector<int> c = FourSides(ctx, "cropping");
  Result<ir::Dims> shape = ctx.Shape(ctx.input());
  if (!shape.ok()) return shape.status();
  if (shape->size() != 4) return ctx.Error("expects a 4-D input");
  const ir::Dims& s = *shape;
  const int h = s[1] - c[0] - c[1], w = s[2] - c[2] - c[3];
  if (h <= 0 || w <= 0) return ctx.Error("crops the whole " + std::to_string(s[1]) + "x" + std::to_string(s[2]) + " input");
  const int begin = ctx.ConstantInt("begin", {4}, {0, c[0], c[2], 0});
  const int size = ctx.ConstantInt("size", {4}, {s[0], h, w, s[3]});
  ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_SLICE, Options(tflite::SliceOptionsT{}), {ctx.input(), begin, size},
                          "slice", ir::Dims{s[0], h, w, s[3]})};
  return Status::Ok();
}

// UpSampling2D: tf.image.resize to (h * size_h, w * size_w), which uses half-pixel centers.
Status ConvertUpSampling2D(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  LITESCOPE_RETURN_IF_ERROR(CheckChannelsLast(ctx));
  const std::vector<int> f = ctx.Ints("size", 2, 2);
  const std::string interpolation = ctx.config().value("interpolation", std::string("nearest"));
  Result<ir::Dims> shape = ctx.Shape(ctx.input());
  if (!shape.ok()) return shape.status();
  if (shape->size() != 4) return ctx.Error("expects a 4-D input");
  const ir::Dims& s = *shape;
  const ir::Dims out_shape = {s[0], s[1] * f[0], s[2] * f[1], s[3]};
  const int size = ctx.ConstantInt("size", {2}, {out_shape[1], out_shape[2]});
  if (interpolation == "nearest") {
    tflite::ResizeNearestNeighborOptionsT o;
    o.half_pixel_centers = true;
    ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, Options(o), {ctx.input(), size},
                            "resize_nearest_neighbor", out_shape)};
  } else if (interpolation == "bilinear") {
    tflite::ResizeBilinearOptionsT o;
    o.half_pixel_centers = true;
    ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_RESIZE_BILINEAR, Options(o), {ctx.input(), size}, "resize_bilinear", out_shape)};
  } else {
    return ctx.Unsupported("interpolation " + interpolation);
  }
  return Status::Ok();
}

}  // namespace litescope::keras
