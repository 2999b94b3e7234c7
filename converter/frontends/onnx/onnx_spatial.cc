// Padding and spatial rearrangement: Pad, Resize/Upsample, DepthToSpace, SpaceToDepth.
// RESIZE_*, DEPTH_TO_SPACE and SPACE_TO_DEPTH are NHWC: wrapped in TRANSPOSEs.
#include <cmath>

#include "converter/frontends/onnx/onnx_op_table.h"

namespace litescope {

Status ConvertPad(Importer& im) {
  const int x = im.In(0);
  Result<int> rank = im.Rank(x);
  if (!rank.ok()) return rank.status();
  const std::string mode = im.Str("mode", "constant");
  std::vector<int64_t> pads;
  int value = -1;
  if (im.opset() < 11) {
    pads = im.Ints(im.opset() < 2 ? "paddings" : "pads");
    if (im.Float("value", 0.0f) != 0.0f) value = im.Scalar(im.TypeOf(x), im.Float("value", 0.0f));
  } else {
    Result<std::vector<int64_t>> p = im.ConstInts(im.In(1));
    if (!p.ok()) return p.status();
    pads = *p;
    if (im.Has(2)) value = im.In(2);
  }
  std::vector<int64_t> axes;
  if (im.Has(3)) {
    Result<std::vector<int64_t>> a = im.ConstInts(im.In(3));
    if (!a.ok()) return a.status();
    axes = *a;
  } else {
    for (int d = 0; d < *rank; ++d) axes.push_back(d);
  }
  if (pads.size() != 2 * axes.size()) return im.Fail("pads has " + std::to_string(pads.size()) + " entries for " + std::to_string(axes.size()) + " axes");
  std::vector<int32_t> counts(static_cast<size_t>(2 * *rank), 0);
  for (size_t i = 0; i < axes.size(); ++i) {
    Result<int> a = im.Axis(axes[i], *rank);
    if (!a.ok()) return a.status();
    const int64_t b = pads[i], e = pads[i + axes.size()];
    if (b < 0 || e < 0) return im.Fail("negative pads are not supported");
    counts[static_cast<size_t>(2 * *a)] = static_cast<int32_t>(b);
    counts[static_cast<size_t>(2 * *a + 1)] = static_cast<int32_t>(e);
  }
  const int p = im.ConstI32(counts, ir::Dims{*rank, 2});
  if (mode == "constant") {
    if (value >= 0) {
      im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PADV2, {x, p, im.Cast(value, im.TypeOf(x))}, Options(tflite::PadV2OptionsT{})));
    } else {
      im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PAD, {x, p}, Options(tflite::PadOptionsT{})));
    }
  } else if (mode == "reflect") {
    tflite::MirrorPadOptionsT o;
    o.mode = tflite::MirrorPadMode_REFLECT;
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_MIRROR_PAD, {x, p}, Options(o)));
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
  if (upsample && im.opset() < 9) {
    scales = im.Floats("scales");
  } else {
    const int scales_in = (upsample || im.opset() < 11) ? 1 : 2;
    if (im.Has(scales_in)) {
      Result<std::vector<float>> sc = im.ConstFloats(im.In(scales_in));
      if (!sc.ok()) return sc.status();
      scales = *sc;
    }
    if (!upsample && im.opset() >= 11 && im.Has(3)) {
      Result<std::vector<int64_t>> sz = im.ConstInts(im.In(3));
      if (!sz.ok()) return sz.status();
      sizes = *sz;
    }
  }
  if (im.Has(2) && !upsample && im.opset() >= 11 && im.Attr("axes") != nullptr) return im.Fail("axes is not supported");
  int32_t out[4];
  for (int d = 0; d < 4; ++d) {
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
  const int size = im.ConstI32({out[2], out[3]});
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
    y = im.Emit(tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, {im.ToNhwc(x), size}, Options(o));
  } else if (mode == "linear" || mode == "bilinear") {
    tflite::ResizeBilinearOptionsT o;
    if (ct == "half_pixel") {
      o.half_pixel_centers = true;
    } else if (ct == "align_corners") {
      o.align_corners = true;
    } else if (ct != "asymmetric") {
      return im.Fail("linear mode with coordinate_transformation_mode '" + ct + "' is not supported");
    }
    y = im.Emit(tflite::BuiltinOperator_RESIZE_BILINEAR, {im.ToNhwc(x), size}, Options(o));
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
