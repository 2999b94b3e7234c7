// Padding and spatial rearrangement: Pad, Resize/Upsample, DepthToSpace, SpaceToDepth.
// RESIZE_*, DEPTH_TO_SPACE and SPACE_TO_DEPTH are NHWC: wrapped in TRANSPOSEs.
#include <algorithm>
#include <cmath>
#include <optional>

#include "converter/frontends/onnx/onnx_op_table.h"

namespace litescope {

namespace {

// ONNX pads [b1, b2, ..., e1, e2, ...] for `axes` -> TFLite paddings [rank, 2] (INT32), computed in
// the graph when the pads are a runtime input.
Result<int> Paddings(Importer& im, int rank, const std::vector<int>& axes, std::optional<std::vector<int64_t>> pads, int pads_input) {
  const int k = static_cast<int>(axes.size());
  if (pads) {
    if (pads->size() != 2 * axes.size()) return im.Fail("pads has " + std::to_string(pads->size()) + " entries for " + std::to_string(k) + " axes");
    std::vector<int32_t> counts(static_cast<size_t>(2 * rank), 0);
    for (int i = 0; i < k; ++i) {
      const int64_t b = (*pads)[static_cast<size_t>(i)], e = (*pads)[static_cast<size_t>(i + k)];
      if (b < 0 || e < 0) return im.Fail("negative pads are not supported");
      counts[static_cast<size_t>(2 * axes[static_cast<size_t>(i)])] = static_cast<int32_t>(b);
      counts[static_cast<size_t>(2 * axes[static_cast<size_t>(i)] + 1)] = static_cast<int32_t>(e);
    }
    return im.ConstI32(counts, ir::Dims{rank, 2});
  }
  // [2k] -> [2, k] -> [k, 2]; then one row per dimension, a zero row for those not in axes.
  const int rows = im.Transpose(im.Reshape(im.Cast(pads_input, tflite::TensorType_INT32), {2, k}), {1, 0});
  std::vector<int32_t> pick(static_cast<size_t>(rank), k);
  for (int i = 0; i < k; ++i) pick[static_cast<size_t>(axes[static_cast<size_t>(i)])] = i;
  tflite::ConcatenationOptionsT co;
  const int table = im.Emit(tflite::BuiltinOperator_CONCATENATION, {rows, im.ConstI32({0, 0}, ir::Dims{1, 2})}, Options(co), {.shape = ir::Dims{k + 1, 2}});
  return im.Emit(tflite::BuiltinOperator_GATHER, {table, im.ConstI32(pick)}, Options(tflite::GatherOptionsT{}), {.shape = ir::Dims{rank, 2}});
}

// mode 'edge': each padded dimension gathers clamp(range(-before, dim + after), 0, dim - 1).
int EdgePad(Importer& im, int x, const ir::Dims& s, const std::vector<int32_t>& p) {
  for (size_t d = 0; d < s.size(); ++d) {
    if (p[2 * d] == 0 && p[2 * d + 1] == 0) continue;
    std::vector<int32_t> idx;
    for (int32_t i = -p[2 * d]; i < s[d] + p[2 * d + 1]; ++i) idx.push_back(std::clamp(i, 0, s[d] - 1));
    tflite::GatherOptionsT o;
    o.axis = static_cast<int32_t>(d);
    x = im.Emit(tflite::BuiltinOperator_GATHER, {x, im.ConstI32(idx)}, Options(o));
  }
  return x;
}

}  // namespace

Status ConvertPad(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  const int rank = static_cast<int>(s->size());
  const std::string mode = im.Str("mode", "constant");
  std::optional<std::vector<int64_t>> pads;
  int value = -1;
  if (im.opset() < 11) {
    pads = im.Ints(im.opset() < 2 ? "paddings" : "pads");
    if (im.Float("value", 0.0f) != 0.0f) value = im.Scalar(im.TypeOf(x), im.Float("value", 0.0f));
  } else {
    if (im.IsConst(im.In(1))) {
      Result<std::vector<int64_t>> p = im.ConstInts(im.In(1));
      if (!p.ok()) return p.status();
      pads = *p;
    }
    if (im.Has(2)) value = im.In(2);
  }
  std::vector<int> axes;
  if (im.Has(3)) {
    Result<std::vector<int64_t>> a = im.ConstInts(im.In(3));
    if (!a.ok()) return a.status();
    for (int64_t v : *a) {
      Result<int> n = im.Axis(v, rank);
      if (!n.ok()) return n.status();
      axes.push_back(*n);
    }
  } else {
    for (int d = 0; d < rank; ++d) axes.push_back(d);
  }
  Result<int> p = Paddings(im, rank, axes, pads, im.In(1));
  if (!p.ok()) return p.status();
  const OutSpec spec = pads ? OutSpec{} : OutSpec{.dynamic_rank = rank};  // runtime pads: the shape is known at run time
  if (mode == "constant") {
    if (value >= 0) {
      im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PADV2, {x, *p, im.Cast(value, im.TypeOf(x))}, Options(tflite::PadV2OptionsT{}), spec));
    } else {
      im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PAD, {x, *p}, Options(tflite::PadOptionsT{}), spec));
    }
  } else if (mode == "reflect") {
    tflite::MirrorPadOptionsT o;
    o.mode = tflite::MirrorPadMode_REFLECT;
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_MIRROR_PAD, {x, *p}, Options(o), spec));
  } else if (mode == "edge") {
    // The gathers' output shapes must be known when the model is prepared.
    if (!pads) return im.Fail("mode 'edge' with pads given at run time is not supported");
    const ir::Value& pv = im.Val(*p);
    const int y = EdgePad(im, x, *s, std::vector<int32_t>(pv.as<int32_t>(), pv.as<int32_t>() + pv.data->size() / 4));
    im.SetOutput(0, y == x ? im.Reshape(x, *s) : y);
  } else {
    return im.Fail("mode '" + mode + "' is not supported");
  }
  return Status::Ok();
}

Status ConvertResize(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  if (s->size() != 4) return im.Fail("only 4-D (NCHW) inputs are supported");
  const bool upsample = im.type() == "Upsample";
  std::vector<float> scales;
  std::vector<int64_t> sizes;
  int runtime_size = -1;
  if (upsample && im.opset() < 7) {
    scales = {1.0f, 1.0f, im.Float("height_scale", 0.0f), im.Float("width_scale", 0.0f)};  // Upsample-1
  } else if (upsample && im.opset() < 9) {
    scales = im.Floats("scales");
  } else {
    const int scales_in = (upsample || im.opset() < 11) ? 1 : 2;
    if (im.Has(scales_in) && !im.IsConst(im.In(scales_in)) && !(im.Has(3) && scales_in == 2 && im.Val(im.In(2)).elements() == 0))
      return im.Fail("scales given at run time are not supported: TFLite resizes by the output/input size ratio, which is not the scale "
                     "when input size * scale is fractional");
    if (im.Has(scales_in) && im.IsConst(im.In(scales_in))) {
      Result<std::vector<float>> sc = im.ConstFloats(im.In(scales_in));
      if (!sc.ok()) return sc.status();
      scales = *sc;
    }
    if (!upsample && im.opset() >= 11 && im.Has(3) && !im.IsConst(im.In(3))) {
      // Sizes known at run time: RESIZE_* takes the new H and W.
      const int hw = im.Emit(tflite::BuiltinOperator_GATHER, {im.In(3), im.ConstI32({2, 3})}, Options(tflite::GatherOptionsT{}));
      runtime_size = im.Cast(hw, tflite::TensorType_INT32);
      im.Warn(im.Where() + ": sizes given at run time; the batch and channel sizes are assumed unchanged");
    } else if (!upsample && im.opset() >= 11 && im.Has(3)) {
      Result<std::vector<int64_t>> sz = im.ConstInts(im.In(3));
      if (!sz.ok()) return sz.status();
      sizes = *sz;
    }
  }
  if (im.Has(2) && !upsample && im.opset() >= 11 && im.Attr("axes") != nullptr) return im.Fail("axes is not supported");
  int32_t out[4] = {(*s)[0], (*s)[1], 0, 0};  // runtime sizes: H and W unknown here
  for (int d = 0; d < 4 && runtime_size < 0; ++d) {
    if (sizes.size() == 4) {
      out[d] = static_cast<int32_t>(sizes[static_cast<size_t>(d)]);
    } else if (scales.size() == 4) {
      out[d] = static_cast<int32_t>(std::floor((*s)[static_cast<size_t>(d)] * scales[static_cast<size_t>(d)]));
    } else {
      return im.Fail("needs 4 scales or 4 sizes");
    }
  }
  if (out[0] != (*s)[0] || out[1] != (*s)[1]) return im.Fail("resizing the batch or channel dimension is not supported");
  if (im.Str("keep_aspect_ratio_policy", "stretch") != "stretch") return im.Fail("keep_aspect_ratio_policy is not supported");
  const std::string mode = im.Str("mode", "nearest");
  std::string ct = im.Str("coordinate_transformation_mode", upsample || im.opset() < 11 ? "asymmetric" : "half_pixel");
  if (ct == "pytorch_half_pixel" && out[2] > 1 && out[3] > 1) ct = "half_pixel";
  for (int d = 2; d < 4 && sizes.empty() && runtime_size < 0 && ct != "align_corners"; ++d) {
    const double exact = (*s)[static_cast<size_t>(d)] * static_cast<double>(scales[static_cast<size_t>(d)]);
    if (std::fabs(exact - out[d]) > 1e-5 * exact)
      return im.Fail("scale " + std::to_string(scales[static_cast<size_t>(d)]) + " of dimension " + std::to_string(d) +
                     " gives a fractional size; TFLite samples by the output/input size ratio instead of the scale");
  }
  const int size = runtime_size >= 0 ? runtime_size : im.ConstI32({out[2], out[3]});
  const OutSpec spec = runtime_size >= 0 ? OutSpec{.dynamic_rank = 4} : OutSpec{};
  int y;
  if (mode == "nearest") {
    const std::string nm = im.Str("nearest_mode", upsample || im.opset() < 11 ? "floor" : "round_prefer_floor");
    tflite::ResizeNearestNeighborOptionsT o;
    if (ct == "asymmetric" && nm == "floor") {
    } else if (ct == "half_pixel" && nm == "round_prefer_ceil") {
      o.half_pixel_centers = true;
    } else if (ct == "align_corners" && nm == "round_prefer_ceil") {
      o.align_corners = true;
    } else if (ct == "tf_half_pixel_for_nn" && nm == "floor") {
      o.half_pixel_centers = true;
    } else {
      return im.Fail("nearest mode with coordinate_transformation_mode '" + ct + "' and nearest_mode '" + nm + "' is not supported");
    }
    y = im.Emit(tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, {im.ToNhwc(x), size}, Options(o), spec);
  } else if (mode == "linear" || mode == "bilinear") {
    tflite::ResizeBilinearOptionsT o;
    if (ct == "half_pixel") {
      o.half_pixel_centers = true;
    } else if (ct == "align_corners") {
      o.align_corners = true;
    } else if (ct != "asymmetric") {
      return im.Fail("linear mode with coordinate_transformation_mode '" + ct + "' is not supported");
    }
    y = im.Emit(tflite::BuiltinOperator_RESIZE_BILINEAR, {im.ToNhwc(x), size}, Options(o), spec);
  } else {
    return im.Fail("mode '" + mode + "' is not supported");
  }
  im.SetOutput(0, im.ToNchw(y));
  return Status::Ok();
}

Status ConvertDepthToSpace(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  if (s->size() != 4) return im.Fail("only 4-D inputs are supported");
  const int32_t b = static_cast<int32_t>(im.Int("blocksize", 0));
  const int32_t n = (*s)[0], c = (*s)[1], h = (*s)[2], w = (*s)[3];
  if (b <= 0 || c % (b * b) != 0) return im.Fail("blocksize " + std::to_string(b) + " does not divide the channels");
  if (im.Str("mode", "DCR") == "CRD") {
    // [N, C/b^2, b, b, H, W] -> [N, C/b^2, H, b, W, b]
    const int r = im.Reshape(x, {n, c / (b * b), b, b, h, w});
    im.SetOutput(0, im.Reshape(im.Transpose(r, {0, 1, 4, 2, 5, 3}), {n, c / (b * b), h * b, w * b}));
    return Status::Ok();
  }
  tflite::DepthToSpaceOptionsT o;
  o.block_size = b;
  im.SetOutput(0, im.ToNchw(im.Emit(tflite::BuiltinOperator_DEPTH_TO_SPACE, {im.ToNhwc(x)}, Options(o))));
  return Status::Ok();
}

Status ConvertSpaceToDepth(Importer& im) {
  const int x = im.In(0);
  tflite::SpaceToDepthOptionsT o;
  o.block_size = static_cast<int32_t>(im.Int("blocksize", 0));
  if (o.block_size <= 0) return im.Fail("blocksize must be positive");
  im.SetOutput(0, im.ToNchw(im.Emit(tflite::BuiltinOperator_SPACE_TO_DEPTH, {im.ToNhwc(x)}, Options(o))));
  return Status::Ok();
}

}  // namespace litescope
