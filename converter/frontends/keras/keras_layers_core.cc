// Core layers: Dense, Activation and the activation layers, Flatten, Reshape, Permute, Dropout
// (and the other layers that do nothing at inference), Embedding, Rescaling, Normalization.
#include <cmath>
#include <numeric>

#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {

using tflite::BuiltinOperator;

std::vector<float> TransposeMatrix(const Weight& w) {
  const size_t rows = static_cast<size_t>(w.shape[0]), cols = static_cast<size_t>(w.shape[1]);
  std::vector<float> out(w.data.size());
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) out[c * rows + r] = w.data[r * cols + c];
  return out;
}

Result<int> FullyConnected(LayerContext& ctx, int in, const std::vector<float>& weights_oi, int units, int in_units,
                           const Weight* bias, const std::string& activation, const std::string& suffix) {
  Result<ir::Dims> shape = ctx.Shape(in);
  if (!shape.ok()) return shape.status();
  if (shape->empty() || shape->back() != in_units)
    return ctx.Error("input " + ctx.value(in).name + " has " + std::to_string(shape->empty() ? 0 : shape->back()) +
                     " features, the kernel expects " + std::to_string(in_units));
  const int w = ctx.Constant(suffix + "kernel", {units, in_units}, weights_oi);
  const int b = bias != nullptr ? ctx.Constant(suffix + "bias", {units}, bias->data) : -1;
  ir::Dims out_shape = *shape;
  out_shape.back() = units;
  const bool keep_dims = shape->size() != 2;
  return ctx.EmitWithActivation(
      BuiltinOperator::BuiltinOperator_FULLY_CONNECTED,
      [&](tflite::ActivationFunctionType act) {
        tflite::FullyConnectedOptionsT o;
        o.fused_activation_function = act;
        o.keep_num_dims = keep_dims;
        return Options(o);
      },
      {in, w, b}, suffix + "fully_connected", activation, out_shape);
}

Status ConvertDense(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<const Weight*> kernel = ctx.RequireWeight("kernel", 0, 2);
  if (!kernel.ok()) return kernel.status();
  const Weight* bias = ctx.config().value("use_bias", true) ? ctx.FindWeight("bias", 1) : nullptr;
  const int units = (*kernel)->shape[1];
  Result<int> out = FullyConnected(ctx, ctx.input(), TransposeMatrix(**kernel), units, (*kernel)->shape[0], bias,
                                   ActivationName(ctx.config().value("activation", nlohmann::json("linear"))), "");
  if (!out.ok()) return out.status();
  ctx.outputs = {*out};
  return Status::Ok();
}

Status ConvertActivation(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<int> out = ctx.ApplyActivation(ActivationName(ctx.config().value("activation", nlohmann::json("linear"))), ctx.input());
  if (!out.ok()) return out.status();
  ctx.outputs = {*out};
  return Status::Ok();
}

Status ConvertIdentity(LayerContext& ctx) {
  if (ctx.inputs().empty()) return ctx.Error("has no input");
  ctx.outputs = ctx.inputs();
  return Status::Ok();
}

namespace {

int Leaky(LayerContext& ctx, int in, float alpha) {
  tflite::LeakyReluOptionsT o;
  o.alpha = alpha;
  const ir::Value& x = ctx.value(in);
  return ctx.Emit(BuiltinOperator::BuiltinOperator_LEAKY_RELU, Options(o), {in}, "leaky_relu",
                  x.has_rank ? std::optional(x.shape) : std::nullopt);
}

float NumberOr(const nlohmann::json& config, const char* key, float fallback) {
  if (!config.contains(key) || config[key].is_null()) return fallback;
  return config[key].get<float>();
}

}  // namespace

// ReLU(max_value, negative_slope, threshold): x for threshold <= x < max_value, max_value above,
// negative_slope * (x - threshold) below.
Status ConvertReLU(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const nlohmann::json& c = ctx.config();
  const bool has_max = c.contains("max_value") && !c["max_value"].is_null();
  const float max_value = has_max ? c["max_value"].get<float>() : 0.0f;
  const float slope = NumberOr(c, "negative_slope", 0.0f);
  const float threshold = NumberOr(c, "threshold", 0.0f);
  const int in = ctx.input();
  int out = -1;
  if (threshold == 0.0f && slope == 0.0f && (!has_max || max_value == 6.0f || max_value == 1.0f)) {
    const BuiltinOperator op = !has_max            ? BuiltinOperator::BuiltinOperator_RELU
                               : max_value == 6.0f ? BuiltinOperator::BuiltinOperator_RELU6
                                                   : BuiltinOperator::BuiltinOperator_RELU_0_TO_1;
    ctx.outputs = {ctx.Unary(op, in, "relu")};
    return Status::Ok();
  }
  if (threshold == 0.0f && slope == 0.0f) {
    out = ctx.Unary(BuiltinOperator::BuiltinOperator_RELU, in, "relu");
  } else if (threshold == 0.0f && slope > 0.0f && slope < 1.0f) {
    out = Leaky(ctx, in, slope);
  } else {
    // The general form: select(x >= threshold, x, slope * (x - threshold)).
    const int t = ctx.ScalarConstant("threshold", threshold);
    const int below = ctx.Binary(BuiltinOperator::BuiltinOperator_MUL,
                                 ctx.Binary(BuiltinOperator::BuiltinOperator_SUB, in, t, "shifted"),
                                 ctx.ScalarConstant("negative_slope", slope), "below");
    const int keep = ctx.Emit(BuiltinOperator::BuiltinOperator_GREATER_EQUAL, {}, {in, t}, "keep");
    ctx.graph().values[static_cast<size_t>(keep)].type = tflite::TensorType_BOOL;
    out = ctx.Emit(BuiltinOperator::BuiltinOperator_SELECT_V2, Options(tflite::SelectV2OptionsT{}), {keep, in, below}, "select");
  }
  if (has_max) out = ctx.Binary(BuiltinOperator::BuiltinOperator_MINIMUM, out, ctx.ScalarConstant("max_value", max_value), "clip");
  ctx.outputs = {out};
  return Status::Ok();
}

Status ConvertLeakyReLU(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  // Keras 2 calls the slope `alpha`, Keras 3 `negative_slope`; both default to 0.3.
  const float alpha = NumberOr(ctx.config(), "alpha", NumberOr(ctx.config(), "negative_slope", 0.3f));
  ctx.outputs = {Leaky(ctx, ctx.input(), alpha)};
  return Status::Ok();
}

Status ConvertPReLU(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const Weight* alpha = ctx.FindWeight("alpha", 0);
  if (alpha == nullptr) return ctx.Error("has no saved weight alpha");
  const int a = ctx.Constant("alpha", alpha->shape, alpha->data);
  const ir::Value& x = ctx.value(ctx.input());
  ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_PRELU, {}, {ctx.input(), a}, "prelu",
                          x.has_rank ? std::optional(x.shape) : std::nullopt)};
  return Status::Ok();
}

Status ConvertELU(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const float alpha = NumberOr(ctx.config(), "alpha", 1.0f);
  const int in = ctx.input();
  const int elu = ctx.Unary(BuiltinOperator::BuiltinOperator_ELU, in, "elu");
  if (alpha == 1.0f) {
    ctx.outputs = {elu};
    return Status::Ok();
  }
  // relu(x) + alpha * min(elu(x), 0): TFLite's ELU has alpha 1.
  const int neg = ctx.Binary(BuiltinOperator::BuiltinOperator_MINIMUM, elu, ctx.ScalarConstant("zero", 0.0f), "negative");
  const int scaled = ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, neg, ctx.ScalarConstant("alpha", alpha), "scaled");
  const int pos = ctx.Unary(BuiltinOperator::BuiltinOperator_RELU, in, "positive");
  ctx.outputs = {ctx.Binary(BuiltinOperator::BuiltinOperator_ADD, pos, scaled, "sum")};
  return Status::Ok();
}

Status ConvertSoftmax(LayerContext& ctx) {
  if (ctx.inputs().size() != 1) return ctx.Unsupported("a mask input is not supported");
  const int in = ctx.input();
  Result<ir::Dims> shape = ctx.Shape(in);
  if (!shape.ok()) return shape.status();
  const int rank = static_cast<int>(shape->size());
  int axis = -1;
  const nlohmann::json& a = ctx.config().value("axis", nlohmann::json(-1));
  if (a.is_array()) {
    if (a.size() != 1) return ctx.Unsupported("softmax over several axes");
    axis = a[0].get<int>();
  } else {
    axis = a.get<int>();
  }
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return ctx.Error("axis out of range for rank " + std::to_string(rank));
  tflite::SoftmaxOptionsT o;
  o.beta = 1.0f;
  if (axis == rank - 1) {
    ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_SOFTMAX, Options(o), {in}, "softmax", *shape)};
    return Status::Ok();
  }
  // TFLite's SOFTMAX works on the last axis: swap `axis` there and back.
  std::vector<int32_t> perm(static_cast<size_t>(rank));
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[static_cast<size_t>(axis)], perm.back());
  const int t = ctx.Transpose(in, perm, "to_last");
  const int s = ctx.Emit(BuiltinOperator::BuiltinOperator_SOFTMAX, Options(o), {t}, "softmax", ctx.value(t).shape);
  ctx.outputs = {ctx.Transpose(s, perm, "back")};
  return Status::Ok();
}

Status ConvertFlatten(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  if (ctx.config().value("data_format", std::string("channels_last")) == "channels_first")
    return ctx.Unsupported("data_format channels_first");
  Result<ir::Dims> shape = ctx.Shape(ctx.input());
  if (!shape.ok()) return shape.status();
  int64_t rest = 1;
  for (size_t i = 1; i < shape->size(); ++i) rest *= (*shape)[i];
  const int32_t batch = shape->empty() ? 1 : shape->front();
  ctx.outputs = {ctx.Reshape(ctx.input(), {batch, static_cast<int32_t>(rest)})};
  return Status::Ok();
}

Status ConvertReshape(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<ir::Dims> shape = ctx.Shape(ctx.input());
  if (!shape.ok()) return shape.status();
  ir::Dims target = {shape->empty() ? 1 : shape->front()};
  for (const auto& d : ctx.config().at("target_shape")) target.push_back(d.get<int32_t>());
  // Resolve the one -1 here, so the output shape is known without the engine.
  int64_t known = 1, total = 1;
  int unknown = -1;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] < 0) {
      if (unknown >= 0) return ctx.Error("target_shape has more than one unknown dimension");
      unknown = static_cast<int>(i);
    } else {
      known *= target[i];
    }
  }
  for (int32_t d : *shape) total *= d;
  if (unknown >= 0 && known > 0) target[static_cast<size_t>(unknown)] = static_cast<int32_t>(total / known);
  int64_t product = 1;
  for (int32_t d : target) product *= d;
  if (product != total) return ctx.Error("cannot reshape " + std::to_string(total) + " values into target_shape");
  ctx.outputs = {ctx.Reshape(ctx.input(), target)};
  return Status::Ok();
}

Status ConvertPermute(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  std::vector<int32_t> perm = {0};
  for (const auto& d : ctx.config().at("dims")) perm.push_back(d.get<int32_t>());
  ctx.outputs = {ctx.Transpose(ctx.input(), perm)};
  return Status::Ok();
}

Status ConvertEmbedding(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<const Weight*> table = ctx.RequireWeight("embeddings", 0, 2);
  if (!table.ok()) return table.status();
  int indices = ctx.input();
  if (ctx.value(indices).type != tflite::TensorType_INT32 && ctx.value(indices).type != tflite::TensorType_INT64) {
    // Keras feeds float ids to Embedding happily; GATHER wants integers.
    tflite::CastOptionsT o;
    o.in_data_type = ctx.value(indices).type;
    o.out_data_type = tflite::TensorType_INT32;
    const ir::Value& x = ctx.value(indices);
    indices = ctx.Emit(BuiltinOperator::BuiltinOperator_CAST, Options(o), {indices}, "ids",
                       x.has_rank ? std::optional(x.shape) : std::nullopt);
    ctx.graph().values[static_cast<size_t>(indices)].type = tflite::TensorType_INT32;
  }
  const int params = ctx.Constant("embeddings", (*table)->shape, (*table)->data);
  std::optional<ir::Dims> shape;
  if (ctx.value(indices).has_rank) {
    shape = ctx.value(indices).shape;
    shape->push_back((*table)->shape[1]);
  }
  tflite::GatherOptionsT o;
  o.axis = 0;
  const int out = ctx.Emit(BuiltinOperator::BuiltinOperator_GATHER, Options(o), {params, indices}, "gather", shape);
  ctx.graph().values[static_cast<size_t>(out)].type = tflite::TensorType_FLOAT32;
  ctx.outputs = {out};
  return Status::Ok();
}

namespace {

// A scalar or a per-channel list from the config, as a constant broadcasting over the last axis.
int ConfigConstant(LayerContext& ctx, const nlohmann::json& v, const std::string& suffix) {
  if (v.is_array()) {
    std::vector<float> data;
    for (const auto& x : v) data.push_back(x.get<float>());
    return ctx.Constant(suffix, {static_cast<int32_t>(data.size())}, data);
  }
  return ctx.ScalarConstant(suffix, v.get<float>());
}

bool IsScalar(const nlohmann::json& v, float x) { return v.is_number() && v.get<float>() == x; }

}  // namespace

// Rescaling: x * scale + offset.
Status ConvertRescaling(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  const nlohmann::json scale = ctx.config().value("scale", nlohmann::json(1.0));
  const nlohmann::json offset = ctx.config().value("offset", nlohmann::json(0.0));
  int out = ctx.input();
  if (!IsScalar(scale, 1.0f)) out = ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, out, ConfigConstant(ctx, scale, "scale"), "mul");
  if (!IsScalar(offset, 0.0f)) out = ctx.Binary(BuiltinOperator::BuiltinOperator_ADD, out, ConfigConstant(ctx, offset, "offset"), "add");
  ctx.outputs = {out};
  return Status::Ok();
}

// Normalization: (x - mean) / max(sqrt(variance), 1e-7), from its adapted weights (or the
// mean / variance given in its config).
Status ConvertNormalization(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  if (ctx.config().value("invert", false)) return ctx.Unsupported("invert=True");
  const int in = ctx.input();
  Result<ir::Dims> shape = ctx.Shape(in);
  if (!shape.ok()) return shape.status();
  std::vector<float> mean, var;
  if (const Weight* m = ctx.FindWeight("mean", 0); m != nullptr) {
    const Weight* v = ctx.FindWeight("variance", 1);
    if (v == nullptr || v->data.size() != m->data.size()) return ctx.Error("has a mean but no matching variance weight");
    mean = m->data;
    var = v->data;
  } else if (ctx.config().contains("mean") && !ctx.config()["mean"].is_null()) {
    auto list = [](const nlohmann::json& j) {
      std::vector<float> out;
      if (j.is_array()) {
        for (const auto& x : j.flatten()) out.push_back(x.get<float>());
      } else {
        out.push_back(j.get<float>());
      }
      return out;
    };
    mean = list(ctx.config()["mean"]);
    var = list(ctx.config().at("variance"));
  } else {
    return ctx.Error("has neither adapted mean/variance weights nor mean/variance in its config");
  }
  // The statistics cover the kept axes (default: the last); lay them out to broadcast.
  std::vector<int> axes;
  const nlohmann::json a = ctx.config().value("axis", nlohmann::json(-1));
  if (a.is_array()) {
    for (const auto& x : a) axes.push_back(x.get<int>());
  } else if (!a.is_null()) {
    axes.push_back(a.get<int>());
  }
  const int rank = static_cast<int>(shape->size());
  ir::Dims bshape(static_cast<size_t>(rank), 1);
  int64_t count = 1;
  for (int axis : axes) {
    const int r = axis < 0 ? axis + rank : axis;
    if (r <= 0 || r >= rank) return ctx.Error("axis " + std::to_string(axis) + " out of range");
    bshape[static_cast<size_t>(r)] = (*shape)[static_cast<size_t>(r)];
    count *= (*shape)[static_cast<size_t>(r)];
  }
  if (static_cast<size_t>(count) != mean.size() && mean.size() != 1)
    return ctx.Error("has " + std::to_string(mean.size()) + " statistics for " + std::to_string(count) + " channels");
  if (mean.size() == 1) bshape.assign(1, 1);
  std::vector<float> inv(var.size());
  for (size_t i = 0; i < var.size(); ++i) inv[i] = 1.0f / std::max(std::sqrt(var[i]), 1e-7f);
  const int centered = ctx.Binary(BuiltinOperator::BuiltinOperator_SUB, in, ctx.Constant("mean", bshape, mean), "sub");
  ctx.outputs = {ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, centered, ctx.Constant("inverse_stddev", bshape, inv), "mul")};
  return Status::Ok();
}

}  // namespace litescope::keras
