// Convolutions: Conv1D (a CONV_2D over a [batch, 1, time, channels] view), Conv2D,
// DepthwiseConv2D, SeparableConv2D (depthwise then 1x1), Conv2DTranspose. Keras and TFLite are
// both NHWC; only the kernels change layout (Keras HWIO -> TFLite OHWI).
#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {
namespace {

using tflite::BuiltinOperator;

struct ConvParams {
  int kh = 1, kw = 1, sh = 1, sw = 1, dh = 1, dw = 1;
  bool same = false;
  std::string activation;
};

Result<ConvParams> ReadConvParams(LayerContext& ctx, bool one_d) {
  const nlohmann::json& c = ctx.config();
  if (c.value("data_format", std::string("channels_last")) == "channels_first")
    return ctx.Unsupported("data_format channels_first (TFLite is channels_last)");
  ConvParams p;
  const std::string padding = c.value("padding", std::string("valid"));
  if (padding != "same" && padding != "valid" && !(one_d && padding == "causal"))
    return ctx.Unsupported("padding " + padding);
  p.same = padding == "same";
  if (one_d) {
    p.kw = ctx.Ints("kernel_size", 1, 1)[0];
    p.sw = ctx.Ints("strides", 1, 1)[0];
    p.dw = ctx.Ints("dilation_rate", 1, 1)[0];
  } else {
    const std::vector<int> k = ctx.Ints("kernel_size", 2, 1), s = ctx.Ints("strides", 2, 1), d = ctx.Ints("dilation_rate", 2, 1);
    p = {k[0], k[1], s[0], s[1], d[0], d[1], p.same, ""};
  }
  if (p.kh < 1 || p.kw < 1 || p.sh < 1 || p.sw < 1 || p.dh < 1 || p.dw < 1)
    return ctx.Error("kernel_size, strides and dilation_rate must be >= 1");
  if ((p.sh > 1 || p.sw > 1) && (p.dh > 1 || p.dw > 1)) return ctx.Unsupported("strides > 1 together with dilation_rate > 1");
  p.activation = ActivationName(c.value("activation", nlohmann::json("linear")));
  return p;
}

int OutSize(int in, int k, int s, int d, bool same) {
  if (same) return (in + s - 1) / s;
  const int effective = (k - 1) * d + 1;
  return in < effective ? 0 : (in - effective) / s + 1;
}

std::optional<ir::Dims> ConvShape(const ir::Value& in, const ConvParams& p, int out_channels) {
  if (!in.static_shape() || in.shape.size() != 4) return std::nullopt;
  return ir::Dims{in.shape[0], OutSize(in.shape[1], p.kh, p.sh, p.dh, p.same), OutSize(in.shape[2], p.kw, p.sw, p.dw, p.same),
                  out_channels};
}

// HWIO (Keras) -> OHWI (TFLite CONV_2D).
std::vector<float> HwioToOhwi(const std::vector<float>& k, int h, int w, int i, int o) {
  std::vector<float> out(k.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < i; ++c)
        for (int f = 0; f < o; ++f) out[((static_cast<size_t>(f) * h + y) * w + x) * i + c] = k[((static_cast<size_t>(y) * w + x) * i + c) * o + f];
  return out;
}

int ChannelsOf(const ir::Value& v) { return v.has_rank && !v.shape.empty() ? v.shape.back() : -1; }

// CONV_2D of a 4-D NHWC `in` with a Keras HWIO kernel.
Result<int> Conv2D(LayerContext& ctx, int in, const ConvParams& p, const Weight& kernel, const Weight* bias,
                   const std::string& suffix) {
  const int h = kernel.shape[0], w = kernel.shape[1], i = kernel.shape[2], o = kernel.shape[3];
  const int channels = ChannelsOf(ctx.value(in));
  if (channels >= 0 && channels != i) {
    if (i > 0 && channels % i == 0) return ctx.Unsupported("grouped convolution (groups = " + std::to_string(channels / i) + ")");
    return ctx.Error("kernel expects " + std::to_string(i) + " input channels, input has " + std::to_string(channels));
  }
  const int wv = ctx.Constant(suffix + "kernel", {o, h, w, i}, HwioToOhwi(kernel.data, h, w, i, o));
  const int bv = ctx.Constant(suffix + "bias", {o}, bias != nullptr ? bias->data : std::vector<float>(static_cast<size_t>(o), 0.0f));
  return ctx.EmitWithActivation(
      BuiltinOperator::BuiltinOperator_CONV_2D,
      [&](tflite::ActivationFunctionType act) {
        tflite::Conv2DOptionsT opt;
        opt.padding = p.same ? tflite::Padding_SAME : tflite::Padding_VALID;
        opt.stride_h = p.sh;
        opt.stride_w = p.sw;
        opt.dilation_h_factor = p.dh;
        opt.dilation_w_factor = p.dw;
        opt.fused_activation_function = act;
        return Options(opt);
      },
      {in, wv, bv}, suffix + "conv_2d", p.activation, ConvShape(ctx.value(in), p, o));
}

// DEPTHWISE_CONV_2D with a Keras [h, w, channels, multiplier] kernel, which is already TFLite's
// [1, h, w, channels * multiplier] in memory.
int DepthwiseConv(LayerContext& ctx, int in, const ConvParams& p, const Weight& kernel, const Weight* bias,
                  tflite::ActivationFunctionType act, const std::string& suffix) {
  const int h = kernel.shape[0], w = kernel.shape[1], c = kernel.shape[2], m = kernel.shape[3];
  const int wv = ctx.Constant(suffix + "depthwise_kernel", {1, h, w, c * m}, kernel.data);
  const int bv = ctx.Constant(suffix + "depthwise_bias", {c * m},
                              bias != nullptr ? bias->data : std::vector<float>(static_cast<size_t>(c * m), 0.0f));
  tflite::DepthwiseConv2DOptionsT opt;
  opt.padding = p.same ? tflite::Padding_SAME : tflite::Padding_VALID;
  opt.stride_h = p.sh;
  opt.stride_w = p.sw;
  opt.dilation_h_factor = p.dh;
  opt.dilation_w_factor = p.dw;
  opt.depth_multiplier = m;
  opt.fused_activation_function = act;
  return ctx.Emit(BuiltinOperator::BuiltinOperator_DEPTHWISE_CONV_2D, Options(opt), {in, wv, bv}, suffix + "depthwise_conv_2d",
                  ConvShape(ctx.value(in), p, c * m));
}

const Weight* OptionalBias(LayerContext& ctx, int position) {
  return ctx.config().value("use_bias", true) ? ctx.FindWeight("bias", position) : nullptr;
}

}  // namespace

Status ConvertConv2D(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<ConvParams> p = ReadConvParams(ctx, false);
  if (!p.ok()) return p.status();
  if (ctx.config().value("groups", 1) != 1) return ctx.Unsupported("grouped convolution (groups = " + ctx.config()["groups"].dump() + ")");
  Result<const Weight*> kernel = ctx.RequireWeight("kernel", 0, 4);
  if (!kernel.ok()) return kernel.status();
  Result<int> out = Conv2D(ctx, ctx.input(), *p, **kernel, OptionalBias(ctx, 1), "");
  if (!out.ok()) return out.status();
  ctx.outputs = {*out};
  return Status::Ok();
}

// Conv1D on [batch, time, channels]: EXPAND_DIMS to [batch, 1, time, channels], CONV_2D with a
// 1 x k kernel, SQUEEZE back. Causal padding pads the start of the time axis first.
Status ConvertConv1D(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<ConvParams> p = ReadConvParams(ctx, true);
  if (!p.ok()) return p.status();
  if (ctx.config().value("groups", 1) != 1) return ctx.Unsupported("grouped convolution");
  Result<const Weight*> kernel = ctx.RequireWeight("kernel", 0, 3);
  if (!kernel.ok()) return kernel.status();
  int x = ctx.input();
  Result<ir::Dims> shape = ctx.Shape(x);
  if (!shape.ok()) return shape.status();
  if (shape->size() != 3) return ctx.Error("expects a [batch, steps, channels] input");
  if (ctx.config().value("padding", std::string()) == "causal") {
    const int pad = (p->kw - 1) * p->dw;
    const int pads = ctx.ConstantInt("causal_padding", {3, 2}, {0, 0, pad, 0, 0, 0});
    x = ctx.Emit(BuiltinOperator::BuiltinOperator_PAD, Options(tflite::PadOptionsT{}), {x, pads}, "causal_pad",
                 ir::Dims{(*shape)[0], (*shape)[1] + pad, (*shape)[2]});
  }
  const ir::Dims s = ctx.value(x).shape;
  const int expanded = ctx.Emit(BuiltinOperator::BuiltinOperator_EXPAND_DIMS, Options(tflite::ExpandDimsOptionsT{}),
                                {x, ctx.ConstantInt("expand_axis", {}, {1})}, "expand", ir::Dims{s[0], 1, s[1], s[2]});
  Weight k2 = **kernel;  // [k, in, out] -> [1, k, in, out]
  k2.shape.insert(k2.shape.begin(), 1);
  Result<int> conv = Conv2D(ctx, expanded, *p, k2, OptionalBias(ctx, 1), "");
  if (!conv.ok()) return conv.status();
  tflite::SqueezeOptionsT sq;
  sq.squeeze_dims = {1};
  std::optional<ir::Dims> out_shape;
  if (ctx.value(*conv).static_shape()) {
    const ir::Dims& c = ctx.value(*conv).shape;
    out_shape = ir::Dims{c[0], c[2], c[3]};
  }
  ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_SQUEEZE, Options(sq), {*conv}, "squeeze", out_shape)};
  return Status::Ok();
}

Status ConvertDepthwiseConv2D(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<ConvParams> p = ReadConvParams(ctx, false);
  if (!p.ok()) return p.status();
  Result<const Weight*> kernel = ctx.RequireWeight("depthwise_kernel", 0, 4);
  if (!kernel.ok()) return kernel.status();
  const int channels = ChannelsOf(ctx.value(ctx.input()));
  if (channels >= 0 && channels != (*kernel)->shape[2])
    return ctx.Error("kernel expects " + std::to_string((*kernel)->shape[2]) + " channels, input has " + std::to_string(channels));
  const std::optional<tflite::ActivationFunctionType> fused = LayerContext::Fusable(p->activation);
  const int out = DepthwiseConv(ctx, ctx.input(), *p, **kernel, OptionalBias(ctx, 1),
                                fused.value_or(tflite::ActivationFunctionType_NONE), "");
  Result<int> act = fused ? Result<int>(out) : ctx.ApplyActivation(p->activation, out);
  if (!act.ok()) return act.status();
  ctx.outputs = {*act};
  return Status::Ok();
}

// SeparableConv2D: a depthwise convolution (no bias) followed by a 1x1 convolution with the bias
// and the activation.
Status ConvertSeparableConv2D(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<ConvParams> p = ReadConvParams(ctx, false);
  if (!p.ok()) return p.status();
  Result<const Weight*> depthwise = ctx.RequireWeight("depthwise_kernel", 0, 4);
  if (!depthwise.ok()) return depthwise.status();
  Result<const Weight*> pointwise = ctx.RequireWeight("pointwise_kernel", 1, 4);
  if (!pointwise.ok()) return pointwise.status();
  const int dw = DepthwiseConv(ctx, ctx.input(), *p, **depthwise, nullptr, tflite::ActivationFunctionType_NONE, "");
  const ConvParams one{1, 1, 1, 1, 1, 1, false, p->activation};
  Result<int> out = Conv2D(ctx, dw, one, **pointwise, OptionalBias(ctx, 2), "pointwise_");
  if (!out.ok()) return out.status();
  ctx.outputs = {*out};
  return Status::Ok();
}

// Conv2DTranspose: TRANSPOSE_CONV with the output size Keras computes (in * stride for SAME,
// (in - 1) * stride + kernel for VALID); kernel [h, w, out, in] -> OHWI.
Status ConvertConv2DTranspose(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(1));
  Result<ConvParams> p = ReadConvParams(ctx, false);
  if (!p.ok()) return p.status();
  if (p->dh != 1 || p->dw != 1) return ctx.Unsupported("dilation_rate > 1");
  if (ctx.config().contains("output_padding") && !ctx.config()["output_padding"].is_null())
    return ctx.Unsupported("output_padding");
  Result<const Weight*> kernel = ctx.RequireWeight("kernel", 0, 4);
  if (!kernel.ok()) return kernel.status();
  Result<ir::Dims> shape = ctx.Shape(ctx.input());
  if (!shape.ok()) return shape.status();
  const Weight& k = **kernel;
  const int h = k.shape[0], w = k.shape[1], o = k.shape[2], i = k.shape[3];
  if (shape->size() != 4 || (*shape)[3] != i) return ctx.Error("kernel expects " + std::to_string(i) + " input channels");
  std::vector<float> ohwi(k.data.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int f = 0; f < o; ++f)
        for (int c = 0; c < i; ++c) ohwi[((static_cast<size_t>(f) * h + y) * w + x) * i + c] = k.data[((static_cast<size_t>(y) * w + x) * o + f) * i + c];
  const int oh = p->same ? (*shape)[1] * p->sh : ((*shape)[1] - 1) * p->sh + h;
  const int ow = p->same ? (*shape)[2] * p->sw : ((*shape)[2] - 1) * p->sw + w;
  const ir::Dims out_shape = {(*shape)[0], oh, ow, o};
  const int out_size = ctx.ShapeConstant("output_shape", out_shape);
  const int wv = ctx.Constant("kernel", {o, h, w, i}, ohwi);
  const Weight* bias = OptionalBias(ctx, 1);
  const int bv = bias != nullptr ? ctx.Constant("bias", {o}, bias->data) : -1;
  std::vector<int> inputs = {out_size, wv, ctx.input()};
  if (bv >= 0) inputs.push_back(bv);
  Result<int> out = ctx.EmitWithActivation(
      BuiltinOperator::BuiltinOperator_TRANSPOSE_CONV,
      [&](tflite::ActivationFunctionType act) {
        tflite::TransposeConvOptionsT opt;
        opt.padding = p->same ? tflite::Padding_SAME : tflite::Padding_VALID;
        opt.stride_h = p->sh;
        opt.stride_w = p->sw;
        opt.fused_activation_function = act;
        return Options(opt);
      },
      inputs, "transpose_conv", p->activation, out_shape);
  if (!out.ok()) return out.status();
  ctx.outputs = {*out};
  return Status::Ok();
}

}  // namespace litescope::keras
