// Convolutions, pooling and matrix products: Conv, ConvTranspose, MaxPool, AveragePool, global
// pools, Gemm, MatMul, Einsum. Layout-sensitive TFLite ops are wrapped in NCHW <-> NHWC
// TRANSPOSEs; constant weights are permuted at import.
#include <algorithm>
#include <cfloat>

#include "converter/frontends/onnx/onnx_const_utils.h"
#include "converter/frontends/onnx/onnx_op_table.h"
#include "engine/runtime/tensor.h"

namespace litescope {
namespace {

// Kernel geometry over the two spatial dimensions (a 1-D op uses H = 1).
struct Window {
  int k[2] = {1, 1}, s[2] = {1, 1}, d[2] = {1, 1};
  int begin[2] = {0, 0}, end[2] = {0, 0};
};

// Fills strides, dilations and pads from the attributes for an input of spatial size in[2].
Status ReadWindow(Importer& im, int spatial, const int in[2], Window* w) {
  const std::vector<int64_t> strides = im.Ints("strides"), dil = im.Ints("dilations"), pads = im.Ints("pads");
  const int off = 2 - spatial;  // 1-D: the only dimension is W
  for (int i = 0; i < spatial; ++i) {
    if (!strides.empty()) w->s[off + i] = static_cast<int>(strides[static_cast<size_t>(i)]);
    if (!dil.empty()) w->d[off + i] = static_cast<int>(dil[static_cast<size_t>(i)]);
  }
  const std::string auto_pad = im.Str("auto_pad", "NOTSET");
  for (int i = 0; i < 2; ++i) {
    const int eff = (w->k[i] - 1) * w->d[i] + 1;
    if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      const int out = (in[i] + w->s[i] - 1) / w->s[i];
      const int total = std::max((out - 1) * w->s[i] + eff - in[i], 0);
      const int small = total / 2;
      w->begin[i] = auto_pad == "SAME_UPPER" ? small : total - small;
      w->end[i] = total - w->begin[i];
    } else if (auto_pad == "NOTSET" && !pads.empty()) {
      if (i < off) continue;
      if (pads.size() != static_cast<size_t>(2 * spatial)) return im.Fail("pads has " + std::to_string(pads.size()) + " entries");
      w->begin[i] = static_cast<int>(pads[static_cast<size_t>(i - off)]);
      w->end[i] = static_cast<int>(pads[static_cast<size_t>(i - off + spatial)]);
    } else if (auto_pad != "NOTSET" && auto_pad != "VALID") {
      return im.Fail("auto_pad '" + auto_pad + "' is not supported");
    }
  }
  return Status::Ok();
}

// True when the window's pads are exactly TFLite's SAME padding.
bool IsSame(const Window& w, const int in[2]) {
  for (int i = 0; i < 2; ++i) {
    const int eff = (w.k[i] - 1) * w.d[i] + 1;
    const int out = (in[i] + w.s[i] - 1) / w.s[i];
    const int total = std::max((out - 1) * w.s[i] + eff - in[i], 0);
    if (w.begin[i] != total / 2 || w.end[i] != total - total / 2) return false;
  }
  return true;
}

bool NoPads(const Window& w) { return w.begin[0] == 0 && w.begin[1] == 0 && w.end[0] == 0 && w.end[1] == 0; }

// NHWC x padded explicitly (by `value` when given).
int PadNhwc(Importer& im, int x, const Window& w, std::optional<float> value) {
  const int pads = im.ConstI32({0, 0, w.begin[0], w.end[0], w.begin[1], w.end[1], 0, 0}, ir::Dims{4, 2});
  if (!value) return im.Emit(tflite::BuiltinOperator_PAD, {x, pads}, Options(tflite::PadOptionsT{}));
  return im.Emit(tflite::BuiltinOperator_PADV2, {x, pads, im.Scalar(tflite::TensorType_FLOAT32, *value)}, Options(tflite::PadV2OptionsT{}));
}

// The input as NCHW 4-D: 1-D ops get H = 1.
Result<int> To4d(Importer& im, int x, const ir::Dims& s) {
  if (s.size() == 4) return x;
  if (s.size() == 3) return im.Reshape(x, {s[0], s[1], 1, s[2]});
  return im.Fail("inputs of rank " + std::to_string(s.size()) + " are not supported (1-D and 2-D only)");
}

int From4d(Importer& im, int y, size_t rank) {
  if (rank == 4) return y;
  Result<ir::Dims> s = im.Shape(y);
  if (!s.ok()) return y;
  return im.Reshape(y, {(*s)[0], (*s)[1], (*s)[3]});
}

// Float weights of shape `ws` permuted by `perm`: at import when constant, else by a TRANSPOSE
// that runs with the model.
int PermutedWeights(Importer& im, int w, const ir::Dims& ws, const std::vector<int>& perm, const std::string& hint) {
  if (!im.IsConst(w)) return im.Transpose(im.Val(w).shape == ws ? w : im.Reshape(w, ws), perm);
  ir::Dims shape;
  std::vector<uint8_t> bytes = PermuteBytes(*im.Val(w).data, ws, perm, 4, &shape);
  return im.Constant(tflite::TensorType_FLOAT32, shape, std::move(bytes), hint);
}

}  // namespace

// The padding, strides and dilations CONV_2D and DEPTHWISE_CONV_2D options share.
template <typename OptionsT>
OptionsT WindowOptions(tflite::Padding padding, const Window& w) {
  OptionsT o;
  o.padding = padding;
  o.stride_h = w.s[0];
  o.stride_w = w.s[1];
  o.dilation_h_factor = w.d[0];
  o.dilation_w_factor = w.d[1];
  return o;
}

Status ConvertConv(Importer& im) {
  const int x = im.In(0), wid = im.In(1), bias = im.In(2);
  Result<ir::Dims> xs = im.Shape(x);
  if (!xs.ok()) return xs.status();
  Result<ir::Dims> wshape = im.Shape(wid);
  if (!wshape.ok()) return wshape.status();
  if (im.TypeOf(wid) != tflite::TensorType_FLOAT32 || im.TypeOf(x) != tflite::TensorType_FLOAT32) return im.Fail("types other than float32 are not supported");
  ir::Dims ws = *wshape;
  if (ws.size() != xs->size()) return im.Fail("weights of rank " + std::to_string(ws.size()) + " for an input of rank " + std::to_string(xs->size()));
  Result<int> x4 = To4d(im, x, *xs);
  if (!x4.ok()) return x4.status();
  if (ws.size() == 3) ws = {ws[0], ws[1], 1, ws[2]};
  const int spatial = static_cast<int>(xs->size()) - 2;
  const int in[2] = {spatial == 2 ? (*xs)[2] : 1, (*xs)[xs->size() - 1]};
  Window w;
  w.k[0] = ws[2];
  w.k[1] = ws[3];
  LITESCOPE_RETURN_IF_ERROR(ReadWindow(im, spatial, in, &w));
  const int group = static_cast<int>(im.Int("group", 1));
  const int channels = (*xs)[1], out_channels = ws[0];
  if (group < 1 || channels % group != 0 || ws[1] * group != channels || out_channels % group != 0)
    return im.Fail("group " + std::to_string(group) + " with " + std::to_string(channels) + " channels and weights " +
                   ShapeString(*wshape) + " is not supported");
  int t = im.ToNhwc(*x4);
  tflite::Padding padding = tflite::Padding_VALID;
  if (!NoPads(w)) {
    if (IsSame(w, in)) {
      padding = tflite::Padding_SAME;
    } else {
      t = PadNhwc(im, t, w, std::nullopt);
    }
  }
  int y;
  if (group == 1 || group != channels) {
    const int filter = PermutedWeights(im, wid, ws, {0, 2, 3, 1}, "filter_ohwi");
    y = im.Emit(tflite::BuiltinOperator_CONV_2D, {t, filter, bias}, Options(WindowOptions<tflite::Conv2DOptionsT>(padding, w)));
  } else {
    // Depthwise: output channel o reads input channel o / multiplier; filter [1, KH, KW, O].
    const int filter = PermutedWeights(im, wid, ws, {1, 2, 3, 0}, "filter_1hwo");
    auto o = WindowOptions<tflite::DepthwiseConv2DOptionsT>(padding, w);
    o.depth_multiplier = out_channels / channels;
    y = im.Emit(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {t, filter, bias}, Options(o));
  }
  im.SetOutput(0, From4d(im, im.ToNchw(y), xs->size()));
  return Status::Ok();
}

Status ConvertConvTranspose(Importer& im) {
  const int x = im.In(0), wid = im.In(1), bias = im.In(2);
  Result<ir::Dims> xs = im.Shape(x);
  if (!xs.ok()) return xs.status();
  Result<ir::Dims> wshape = im.Shape(wid);
  if (!wshape.ok()) return wshape.status();
  if (im.TypeOf(wid) != tflite::TensorType_FLOAT32) return im.Fail("types other than float32 are not supported");
  if (im.Int("group", 1) != 1) return im.Fail("group " + std::to_string(im.Int("group", 1)) + " is not supported");
  ir::Dims ws = *wshape;
  if (ws.size() != xs->size()) return im.Fail("weights and input ranks differ");
  Result<int> x4 = To4d(im, x, *xs);
  if (!x4.ok()) return x4.status();
  if (ws.size() == 3) ws = {ws[0], ws[1], 1, ws[2]};
  const int spatial = static_cast<int>(xs->size()) - 2;
  const int off = 2 - spatial;
  const int in[2] = {spatial == 2 ? (*xs)[2] : 1, (*xs)[xs->size() - 1]};
  Window w;
  w.k[0] = ws[2];
  w.k[1] = ws[3];
  std::vector<int64_t> strides = im.Ints("strides"), dil = im.Ints("dilations"), pads = im.Ints("pads");
  std::vector<int64_t> out_pad = im.Ints("output_padding"), out_shape = im.Ints("output_shape");
  int opad[2] = {0, 0}, full[2], out[2];
  for (int i = 0; i < spatial; ++i) {
    if (!strides.empty()) w.s[off + i] = static_cast<int>(strides[static_cast<size_t>(i)]);
    if (!dil.empty() && dil[static_cast<size_t>(i)] != 1) return im.Fail("dilations other than 1 are not supported");
    if (!out_pad.empty()) opad[off + i] = static_cast<int>(out_pad[static_cast<size_t>(i)]);
  }
  const std::string auto_pad = im.Str("auto_pad", "NOTSET");
  for (int i = 0; i < 2; ++i) {
    full[i] = w.s[i] * (in[i] - 1) + w.k[i] + opad[i];
    if (!out_shape.empty() && i >= off) {
      out[i] = static_cast<int>(out_shape[out_shape.size() - static_cast<size_t>(spatial) + static_cast<size_t>(i - off)]);
      const int total = full[i] - out[i];
      const bool upper = auto_pad != "SAME_LOWER";  // spec: output_shape given -> pads as for SAME_UPPER unless SAME_LOWER
      w.begin[i] = upper ? total / 2 : total - total / 2;
      w.end[i] = total - w.begin[i];
    } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      out[i] = in[i] * w.s[i];
      const int total = full[i] - out[i];
      w.begin[i] = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      w.end[i] = total - w.begin[i];
    } else {
      if (!pads.empty() && i >= off) {
        w.begin[i] = static_cast<int>(pads[static_cast<size_t>(i - off)]);
        w.end[i] = static_cast<int>(pads[static_cast<size_t>(i - off + spatial)]);
      }
      out[i] = full[i] - w.begin[i] - w.end[i];
    }
    if (w.end[i] < 0 && opad[i] - w.end[i] < w.s[i]) {
      // An output_shape past the full size: the extra end rows get no input (the bias only), as
      // output_padding would give them.
      full[i] -= w.end[i];
      opad[i] -= w.end[i];
      w.end[i] = 0;
    }
    if (w.begin[i] < 0 || w.end[i] < 0 || out[i] <= 0) return im.Fail("the output size and padding do not fit");
    if (opad[i] >= w.s[i]) return im.Fail("output_padding must be smaller than the stride");
  }
  // TRANSPOSE_CONV (VALID) to the full size, then crop the pads.
  const int filter = PermutedWeights(im, wid, ws, {1, 2, 3, 0}, "filter_ohwi");  // [I, O, H, W] -> OHWI
  const int out_channels = ws[1];
  const int out_size = im.ConstI32({(*xs)[0], full[0], full[1], out_channels});
  tflite::TransposeConvOptionsT o;
  o.padding = tflite::Padding_VALID;
  o.stride_h = w.s[0];
  o.stride_w = w.s[1];
  std::vector<int> inputs = {out_size, filter, im.ToNhwc(*x4)};
  if (bias >= 0) inputs.push_back(bias);
  int y = im.Emit(tflite::BuiltinOperator_TRANSPOSE_CONV, inputs, Options(o),
              {.type = tflite::TensorType_FLOAT32, .shape = ir::Dims{(*xs)[0], full[0], full[1], out_channels}});
  y = im.ToNchw(y);
  if (!NoPads(w)) {
    tflite::SliceOptionsT so;
    y = im.Emit(tflite::BuiltinOperator_SLICE, {y, im.ConstI32({0, 0, w.begin[0], w.begin[1]}), im.ConstI32({-1, -1, out[0], out[1]})}, Options(so),
                {.shape = ir::Dims{(*xs)[0], out_channels, out[0], out[1]}});
  }
  im.SetOutput(0, From4d(im, y, xs->size()));
  return Status::Ok();
}

Status ConvertPool(Importer& im) {
  const std::string& t = im.type();
  const int x = im.In(0);
  Result<ir::Dims> xs = im.Shape(x);
  if (!xs.ok()) return xs.status();
  const int rank = static_cast<int>(xs->size());
  if (im.TypeOf(x) != tflite::TensorType_FLOAT32) return im.Fail("types other than float32 are not supported");
  if (t == "GlobalAveragePool" || t == "GlobalMaxPool") {
    std::vector<int32_t> axes;
    for (int d = 2; d < rank; ++d) axes.push_back(d);
    tflite::ReducerOptionsT o;
    o.keep_dims = true;
    im.SetOutput(0, im.Emit(t == "GlobalMaxPool" ? tflite::BuiltinOperator_REDUCE_MAX : tflite::BuiltinOperator_MEAN,
                            {x, im.ConstI32(axes)}, Options(o)));
    return Status::Ok();
  }
  if (im.HasOutput(1)) return im.Fail("the Indices output is not supported");
  if (im.Int("storage_order", 0) != 0) return im.Fail("storage_order 1 is not supported");
  if (rank == 5) return ConvertPoolNd(im, x, *xs);
  Result<int> x4 = To4d(im, x, *xs);
  if (!x4.ok()) return x4.status();
  const int spatial = rank - 2;
  const std::vector<int64_t> kernel = im.Ints("kernel_shape");
  if (kernel.size() != static_cast<size_t>(spatial)) return im.Fail("kernel_shape must have one entry per spatial dimension");
  Window w;
  for (int i = 0; i < spatial; ++i) w.k[2 - spatial + i] = static_cast<int>(kernel[static_cast<size_t>(i)]);
  const int in[2] = {spatial == 2 ? (*xs)[2] : 1, (*xs)[static_cast<size_t>(rank - 1)]};
  LITESCOPE_RETURN_IF_ERROR(ReadWindow(im, spatial, in, &w));
  const bool is_max = t == "MaxPool";
  const bool dilated = w.d[0] != 1 || w.d[1] != 1;
  if (dilated && !is_max) return im.Fail("dilations other than 1 are not supported");
  const bool include_pad = !is_max && im.Int("count_include_pad", 0) != 0;
  if (im.Int("ceil_mode", 0) != 0) {
    // Ceil mode: extra padding at the end so that the last partial window counts.
    for (int i = 0; i < 2; ++i) {
      const int padded = in[i] + w.begin[i] + w.end[i], eff = (w.k[i] - 1) * w.d[i] + 1;
      const int out = (padded - eff + w.s[i] - 1) / w.s[i] + 1;
      int extra = (out - 1) * w.s[i] + eff - padded;
      if ((out - 1) * w.s[i] >= in[i] + w.begin[i]) extra = 0;  // a window starting in the padding is dropped
      if (extra > 0) {
        if (include_pad) return im.Fail("ceil_mode with count_include_pad is not supported");
        w.end[i] += extra;
      }
    }
  }
  if (dilated) {
    // MAX_POOL_2D has no dilation.
    const PoolWindow pw{{w.k[0], w.k[1]}, {w.s[0], w.s[1]}, {w.d[0], w.d[1]}, {w.begin[0], w.begin[1]}, {w.end[0], w.end[1]}};
    im.SetOutput(0, From4d(im, SlicedPool(im, *x4, {(*xs)[0], (*xs)[1], in[0], in[1]}, pw, true, false), xs->size()));
    return Status::Ok();
  }
  int y = im.ToNhwc(*x4);
  tflite::Padding padding = tflite::Padding_VALID;
  bool exclude_pad = false;
  if (!NoPads(w)) {
    if (IsSame(w, in) && !include_pad) {
      padding = tflite::Padding_SAME;
    } else if (is_max) {
      y = PadNhwc(im, y, w, -FLT_MAX);
    } else {
      y = PadNhwc(im, y, w, std::nullopt);
      exclude_pad = !include_pad;
    }
  }
  tflite::Pool2DOptionsT o;
  o.padding = padding;
  o.stride_h = w.s[0];
  o.stride_w = w.s[1];
  o.filter_height = w.k[0];
  o.filter_width = w.k[1];
  y = im.Emit(is_max ? tflite::BuiltinOperator_MAX_POOL_2D : tflite::BuiltinOperator_AVERAGE_POOL_2D, {y}, Options(o));
  if (exclude_pad) {
    // Pads that SAME cannot express, excluded from the count: the mean over the zero-padded input
    // divided by the share of real pixels in each window (the same pool over a padded ones mask).
    const int ones = im.ConstF32(std::vector<float>(static_cast<size_t>(in[0]) * static_cast<size_t>(in[1]), 1.0f), ir::Dims{1, in[0], in[1], 1});
    const int share = im.Emit(tflite::BuiltinOperator_AVERAGE_POOL_2D, {PadNhwc(im, ones, w, std::nullopt)}, Options(o));
    y = im.Emit(tflite::BuiltinOperator_DIV, {y, share}, Options(tflite::DivOptionsT{}));
  }
  im.SetOutput(0, From4d(im, im.ToNchw(y), xs->size()));
  return Status::Ok();
}

Status ConvertGemm(Importer& im) {
  int a = im.In(0);
  const int b = im.In(1), c = im.In(2);
  const float alpha = im.Float("alpha", 1.0f), beta = im.Float("beta", 1.0f);
  const bool trans_b = im.Int("transB", 0) != 0;
  if (im.Int("transA", 0) != 0) a = im.Transpose(a, {1, 0});
  int y;
  if (im.IsConst(b) && im.TypeOf(b) == tflite::TensorType_FLOAT32) {
    const ir::Value bv = im.Val(b);
    if (bv.shape.size() != 2) return im.Fail("B must be 2-D");
    ir::Dims shape = bv.shape;
    std::vector<uint8_t> bytes = trans_b ? *bv.data : PermuteBytes(*bv.data, bv.shape, {1, 0}, 4, &shape);
    if (alpha != 1.0f) {
      float* f = reinterpret_cast<float*>(bytes.data());
      for (size_t i = 0; i < bytes.size() / 4; ++i) f[i] *= alpha;
    }
    const int n = shape[0];
    const int weights = im.Constant(tflite::TensorType_FLOAT32, shape, std::move(bytes), "weights");
    int bias = -1;
    if (c >= 0 && im.IsConst(c) && im.TypeOf(c) == tflite::TensorType_FLOAT32 && im.Val(c).elements() == n &&
        (im.Val(c).shape.size() == 1 || (im.Val(c).shape.size() == 2 && im.Val(c).shape[0] == 1))) {
      std::vector<float> cv(im.Val(c).as<float>(), im.Val(c).as<float>() + n);
      for (float& v : cv) v *= beta;
      bias = im.ConstF32(cv);
    }
    tflite::FullyConnectedOptionsT o;
    y = im.Emit(tflite::BuiltinOperator_FULLY_CONNECTED, {a, weights, bias}, Options(o));
    if (bias >= 0 || c < 0) {
      im.SetOutput(0, y);
      return Status::Ok();
    }
  } else {
    tflite::BatchMatMulOptionsT o;
    o.adj_y = trans_b;
    y = im.Emit(tflite::BuiltinOperator_BATCH_MATMUL, {a, b}, Options(o));
    if (alpha != 1.0f) y = im.Emit(tflite::BuiltinOperator_MUL, {y, im.Scalar(tflite::TensorType_FLOAT32, alpha)}, Options(tflite::MulOptionsT{}));
    if (c < 0) {
      im.SetOutput(0, y);
      return Status::Ok();
    }
  }
  int cc = c;
  if (beta != 1.0f) cc = im.Emit(tflite::BuiltinOperator_MUL, {c, im.Scalar(im.TypeOf(c), beta)}, Options(tflite::MulOptionsT{}));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_ADD, {y, cc}, Options(tflite::AddOptionsT{})));
  return Status::Ok();
}

Status ConvertMatMul(Importer& im) {
  int a = im.In(0), b = im.In(1);
  Result<ir::Dims> as = im.Shape(a), bs = im.Shape(b);
  if (!as.ok()) return as.status();
  if (!bs.ok()) return bs.status();
  if (im.TypeOf(a) != tflite::TensorType_FLOAT32) return im.Fail("types other than float32 are not supported");
  ir::Dims out;
  const bool a1 = as->size() == 1, b1 = bs->size() == 1;
  if (as->empty() || bs->empty()) return im.Fail("scalar operands");
  if (im.IsConst(b) && bs->size() == 2) {
    ir::Dims shape;
    std::vector<uint8_t> bytes = PermuteBytes(*im.Val(b).data, *bs, {1, 0}, 4, &shape);
    const int weights = im.Constant(tflite::TensorType_FLOAT32, shape, std::move(bytes), "weights");
    tflite::FullyConnectedOptionsT o;
    o.keep_num_dims = true;
    if (a1) a = im.Reshape(a, {1, (*as)[0]});
    out = *as;
    out.back() = (*bs)[1];
    int y = im.Emit(tflite::BuiltinOperator_FULLY_CONNECTED, {a, weights, -1}, Options(o));
    if (a1) y = im.Reshape(y, {(*bs)[1]});
    im.SetOutput(0, y);
    return Status::Ok();
  }
  if (a1) a = im.Reshape(a, {1, (*as)[0]});
  if (b1) b = im.Reshape(b, {(*bs)[0], 1});
  if (std::max(as->size(), bs->size()) > 5) return im.Fail("ranks above 5 are not supported");
  tflite::BatchMatMulOptionsT o;
  int y = im.Emit(tflite::BuiltinOperator_BATCH_MATMUL, {a, b}, Options(o));
  if (a1 || b1) {
    Result<ir::Dims> ys = im.Shape(y);
    if (!ys.ok()) return ys.status();
    ir::Dims s = *ys;
    if (b1) s.pop_back();
    if (a1) s.erase(s.end() - (b1 ? 1 : 2));
    y = im.Reshape(y, s);
  }
  im.SetOutput(0, y);
  return Status::Ok();
}

}  // namespace litescope
