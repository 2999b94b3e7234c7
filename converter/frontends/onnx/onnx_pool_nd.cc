// Pooling TFLite's 2-D pools cannot express: 3-D (rank-5) MaxPool / AveragePool and dilated
// MaxPool, as the maximum or the mean of the kernel's strided slices of the padded input, in the
// source's [N, C, spatial...] layout.
#include <cfloat>

#include "converter/frontends/onnx/onnx_op_table.h"

namespace litescope {
namespace {

// For each output position along one dimension, how many kernel taps fall inside the input.
std::vector<int32_t> TapsInside(int32_t in, int32_t out, int32_t k, int32_t s, int32_t d, int32_t begin) {
  std::vector<int32_t> count(static_cast<size_t>(out), 0);
  for (int32_t o = 0; o < out; ++o)
    for (int32_t t = 0; t < k; ++t) {
      const int32_t i = o * s + t * d - begin;
      count[static_cast<size_t>(o)] += i >= 0 && i < in;
    }
  return count;
}

}  // namespace

int SlicedPool(Importer& im, int x, const ir::Dims& xs, const PoolWindow& w, bool is_max, bool include_pad) {
  const size_t n = w.k.size();
  std::vector<int32_t> pads = {0, 0, 0, 0};
  ir::Dims out = {xs[0], xs[1]}, scale_shape = {1, 1};
  bool padded = false;
  int taps = 1;
  for (size_t i = 0; i < n; ++i) {
    pads.push_back(w.begin[i]);
    pads.push_back(w.end[i]);
    padded = padded || w.begin[i] != 0 || w.end[i] != 0;
    out.push_back((xs[2 + i] + w.begin[i] + w.end[i] - (w.k[i] - 1) * w.d[i] - 1) / w.s[i] + 1);
    scale_shape.push_back(out.back());
    taps *= w.k[i];
  }
  if (padded)
    x = im.Emit(tflite::BuiltinOperator_PADV2, {x, im.ConstI32(pads, ir::Dims{static_cast<int32_t>(n + 2), 2}), im.Scalar(tflite::TensorType_FLOAT32, is_max ? -FLT_MAX : 0.0)},
                Options(tflite::PadV2OptionsT{}));
  int y = -1;
  for (int t = 0; t < taps; ++t) {
    std::vector<int32_t> begin = {0, 0}, end = {xs[0], xs[1]}, stride = {1, 1};
    for (size_t i = 0, r = static_cast<size_t>(t); i < n; ++i) {
      const int32_t tap = static_cast<int32_t>(r % static_cast<size_t>(w.k[n - 1 - i]));  // the last dimension varies fastest
      r /= static_cast<size_t>(w.k[n - 1 - i]);
      const size_t dim = n - 1 - i;
      begin.insert(begin.begin() + 2, tap * w.d[dim]);
      end.insert(end.begin() + 2, tap * w.d[dim] + (out[2 + dim] - 1) * w.s[dim] + 1);
      stride.insert(stride.begin() + 2, w.s[dim]);
    }
    const int slice = im.Emit(tflite::BuiltinOperator_STRIDED_SLICE, {x, im.ConstI32(begin), im.ConstI32(end), im.ConstI32(stride)},
                              Options(tflite::StridedSliceOptionsT{}), {.shape = out});
    y = y < 0 ? slice : is_max ? im.Emit(tflite::BuiltinOperator_MAXIMUM, {y, slice}) : Add(im, y, slice);
  }
  if (is_max) return y;
  if (include_pad || !padded) return Mul(im, y, im.Scalar(tflite::TensorType_FLOAT32, 1.0 / taps));
  // Padding excluded: divide by the taps inside the input, a product over the dimensions.
  std::vector<float> inv = {1.0f};
  for (size_t i = 0; i < n; ++i) {
    const std::vector<int32_t> c = TapsInside(xs[2 + i], out[2 + i], w.k[i], w.s[i], w.d[i], w.begin[i]);
    std::vector<float> next;
    for (float v : inv)
      for (int32_t ci : c) next.push_back(v / static_cast<float>(std::max(ci, 1)));
    inv = std::move(next);
  }
  return Mul(im, y, im.ConstF32(inv, scale_shape));
}

Status ConvertPoolNd(Importer& im, int x, const ir::Dims& xs) {
  const size_t n = xs.size() - 2;
  const std::vector<int64_t> k = im.Ints("kernel_shape"), s = im.Ints("strides"), d = im.Ints("dilations"), p = im.Ints("pads");
  if (k.size() != n) return im.Fail("kernel_shape must have one entry per spatial dimension");
  if ((!s.empty() && s.size() != n) || (!d.empty() && d.size() != n) || (!p.empty() && p.size() != 2 * n))
    return im.Fail("strides, dilations and pads must have one entry per spatial dimension (two for pads)");
  const std::string auto_pad = im.Str("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "VALID") return im.Fail("auto_pad '" + auto_pad + "' with 3-D pooling is not supported");
  if (im.Int("ceil_mode", 0) != 0) return im.Fail("ceil_mode with 3-D pooling is not supported");
  PoolWindow w;
  for (size_t i = 0; i < n; ++i) {
    w.k.push_back(static_cast<int32_t>(k[i]));
    w.s.push_back(s.empty() ? 1 : static_cast<int32_t>(s[i]));
    w.d.push_back(d.empty() ? 1 : static_cast<int32_t>(d[i]));
    w.begin.push_back(p.empty() || auto_pad == "VALID" ? 0 : static_cast<int32_t>(p[i]));
    w.end.push_back(p.empty() || auto_pad == "VALID" ? 0 : static_cast<int32_t>(p[i + n]));
    if (w.k[i] < 1 || w.s[i] < 1 || w.d[i] < 1 || w.begin[i] < 0 || w.end[i] < 0) return im.Fail("invalid kernel, stride, dilation or pad");
  }
  const bool is_max = im.type() == "MaxPool";
  im.SetOutput(0, SlicedPool(im, x, xs, w, is_max, !is_max && im.Int("count_include_pad", 0) != 0));
  return Status::Ok();
}

}  // namespace litescope
