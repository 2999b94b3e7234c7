// Spatial ops on NHWC values: Pad / PadV2 / MirrorPad, ResizeBilinear / ResizeNearestNeighbor,
// SpaceToBatchND / BatchToSpaceND, DepthToSpace / SpaceToDepth.
#include "converter/frontends/tensorflow/tf_op_table.h"

namespace litescope {

Status ConvertTfPad(TfImporter& im) {
  Result<int> pads = ConstI32Input(im, 1);
  if (!pads.ok()) return pads.status();
  if (im.type() == "MirrorPad") {
    const std::string mode = im.Str("mode", "REFLECT");
    if (mode != "REFLECT" && mode != "SYMMETRIC") return im.Fail("mode '" + mode + "' is not supported");
    tflite::MirrorPadOptionsT o;
    o.mode = mode == "REFLECT" ? tflite::MirrorPadMode_REFLECT : tflite::MirrorPadMode_SYMMETRIC;
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_MIRROR_PAD, {im.In(0), *pads}, Options(o)));
  } else if (im.type() == "PadV2") {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PADV2, {im.In(0), *pads, im.In(2)}, Options(tflite::PadV2OptionsT{})));
  } else {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PAD, {im.In(0), *pads}, Options(tflite::PadOptionsT{})));
  }
  return Status::Ok();
}

Status ConvertTfResize(TfImporter& im) {
  Result<int> size = ConstI32Input(im, 1);
  if (!size.ok()) return size.status();
  const bool align = im.Bool("align_corners", false), half = im.Bool("half_pixel_centers", false);
  if (im.type() == "ResizeBilinear") {
    tflite::ResizeBilinearOptionsT o;
    o.align_corners = align;
    o.half_pixel_centers = half;
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RESIZE_BILINEAR, {im.In(0), *size}, Options(o)));
  } else {
    tflite::ResizeNearestNeighborOptionsT o;
    o.align_corners = align;
    o.half_pixel_centers = half;
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, {im.In(0), *size}, Options(o)));
  }
  return Status::Ok();
}

Status ConvertTfSpaceBatch(TfImporter& im) {
  Result<int> block = ConstI32Input(im, 1);
  Result<int> pads = ConstI32Input(im, 2);
  if (!block.ok()) return block.status();
  if (!pads.ok()) return pads.status();
  if (im.type() == "SpaceToBatchND") {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SPACE_TO_BATCH_ND, {im.In(0), *block, *pads}, Options(tflite::SpaceToBatchNDOptionsT{})));
  } else {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_BATCH_TO_SPACE_ND, {im.In(0), *block, *pads}, Options(tflite::BatchToSpaceNDOptionsT{})));
  }
  return Status::Ok();
}

Status ConvertTfDepthSpace(TfImporter& im) {
  const bool nchw = IsNchw(im);
  if (im.Str("data_format", "NHWC") == "NCHW_VECT_C") return im.Fail("data_format NCHW_VECT_C is not supported");
  const int x = nchw ? NchwToNhwc(im, im.In(0)) : im.In(0);
  const int block = static_cast<int>(im.Int("block_size", 2));
  int y = -1;
  if (im.type() == "DepthToSpace") {
    tflite::DepthToSpaceOptionsT o;
    o.block_size = block;
    y = im.Emit(tflite::BuiltinOperator_DEPTH_TO_SPACE, {x}, Options(o));
  } else {
    tflite::SpaceToDepthOptionsT o;
    o.block_size = block;
    y = im.Emit(tflite::BuiltinOperator_SPACE_TO_DEPTH, {x}, Options(o));
  }
  im.SetOutput(0, nchw ? NhwcToNchw(im, y) : y);
  return Status::Ok();
}

}  // namespace litescope
