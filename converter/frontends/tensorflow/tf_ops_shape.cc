// Shape and layout ops: Reshape, Squeeze, ExpandDims, ConcatV2, Split / SplitV, Pack, Unpack,
// Transpose, StridedSlice (every mask: the TFLite op has the same ones), Slice, GatherV2, Shape
// (a constant when the input's shape is static), Fill, Range, Tile. Index inputs become INT32
// constants when they are constant (after folding what feeds them).
#include "converter/frontends/tensorflow/tf_op_table.h"

namespace litescope {
namespace {

// An index input as INT32: a constant when it folds to one, else a CAST of the run-time value.
int IndexInput(TfImporter& im, int input) {
  Result<int> c = ConstI32Input(im, input);
  return c.ok() ? *c : im.Cast(im.In(input), tflite::TensorType_INT32);
}

Result<int> ScalarAxis(TfImporter& im, int input, int rank) {
  Result<std::vector<int64_t>> axis = im.ConstInts(im.In(input));
  if (!axis.ok()) return axis.status();
  if (axis->size() != 1) return im.Fail("the axis must be a scalar");
  return im.Axis((*axis)[0], rank);
}

}  // namespace

Status ConvertTfReshape(TfImporter& im) {
  Result<std::vector<int64_t>> shape = im.ConstInts(im.In(1));
  if (!shape.ok()) {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RESHAPE, {im.In(0), im.Cast(im.In(1), tflite::TensorType_INT32)}));
    return Status::Ok();
  }
  im.SetOutput(0, im.Reshape(im.In(0), ir::Dims(shape->begin(), shape->end())));
  return Status::Ok();
}

Status ConvertTfSqueeze(TfImporter& im) {
  tflite::SqueezeOptionsT o;
  for (int64_t d : im.Ints("squeeze_dims")) o.squeeze_dims.push_back(static_cast<int32_t>(d));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SQUEEZE, {im.In(0)}, Options(o)));
  return Status::Ok();
}

Status ConvertTfExpandDims(TfImporter& im) {
  Result<int> axis = ConstI32Input(im, 1);
  if (!axis.ok()) return axis.status();
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_EXPAND_DIMS, {im.In(0), *axis}, Options(tflite::ExpandDimsOptionsT{})));
  return Status::Ok();
}

Status ConvertTfConcat(TfImporter& im) {
  const int n = im.input_count() - 1;
  if (n < 1) return im.Fail("ConcatV2 needs at least one value and an axis");
  Result<int> rank = im.Rank(im.In(0));
  if (!rank.ok()) return rank.status();
  Result<int> axis = ScalarAxis(im, n, *rank);
  if (!axis.ok()) return axis.status();
  tflite::ConcatenationOptionsT o;
  o.axis = *axis;
  std::vector<int> values;
  for (int i = 0; i < n; ++i) values.push_back(im.In(i));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_CONCATENATION, values, Options(o)));
  return Status::Ok();
}

Status ConvertTfSplit(TfImporter& im) {
  const int count = static_cast<int>(im.Int("num_split", 1));
  if (count < 1) return im.Fail("num_split must be positive");
  std::vector<int> outs;
  if (im.type() == "Split") {
    Result<int> axis = ConstI32Input(im, 0);
    if (!axis.ok()) return axis.status();
    tflite::SplitOptionsT o;
    o.num_splits = count;
    outs = im.EmitN(tflite::BuiltinOperator_SPLIT, {*axis, im.In(1)}, count, Options(o), im.Val(im.In(1)).type);
  } else {
    Result<int> sizes = ConstI32Input(im, 1);
    Result<int> axis = ConstI32Input(im, 2);
    if (!sizes.ok()) return sizes.status();
    if (!axis.ok()) return axis.status();
    tflite::SplitVOptionsT o;
    o.num_splits = count;
    outs = im.EmitN(tflite::BuiltinOperator_SPLIT_V, {im.In(0), *sizes, *axis}, count, Options(o));
  }
  for (int i = 0; i < count; ++i) im.SetOutput(i, outs[static_cast<size_t>(i)]);
  return Status::Ok();
}

Status ConvertTfPack(TfImporter& im) {
  Result<int> rank = im.Rank(im.In(0));
  if (!rank.ok()) return rank.status();
  Result<int> axis = im.Axis(im.Int("axis", 0), *rank + 1);
  if (!axis.ok()) return axis.status();
  tflite::PackOptionsT o;
  o.values_count = im.input_count();
  o.axis = *axis;
  std::vector<int> values;
  for (int i = 0; i < im.input_count(); ++i) values.push_back(im.In(i));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PACK, values, Options(o)));
  return Status::Ok();
}

Status ConvertTfUnpack(TfImporter& im) {
  Result<int> rank = im.Rank(im.In(0));
  if (!rank.ok()) return rank.status();
  Result<int> axis = im.Axis(im.Int("axis", 0), *rank);
  if (!axis.ok()) return axis.status();
  const int num = static_cast<int>(im.Int("num", 0));
  if (num < 1) return im.Fail("num must be positive");
  tflite::UnpackOptionsT o;
  o.num = num;
  o.axis = *axis;
  const std::vector<int> outs = im.EmitN(tflite::BuiltinOperator_UNPACK, {im.In(0)}, num, Options(o));
  for (int i = 0; i < num; ++i) im.SetOutput(i, outs[static_cast<size_t>(i)]);
  return Status::Ok();
}

Status ConvertTfTranspose(TfImporter& im) {
  Result<int> perm = ConstI32Input(im, 1);
  if (!perm.ok()) return perm.status();
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_TRANSPOSE, {im.In(0), *perm}, Options(tflite::TransposeOptionsT{})));
  return Status::Ok();
}

Status ConvertTfStridedSlice(TfImporter& im) {
  tflite::StridedSliceOptionsT o;
  o.begin_mask = static_cast<int32_t>(im.Int("begin_mask", 0));
  o.end_mask = static_cast<int32_t>(im.Int("end_mask", 0));
  o.ellipsis_mask = static_cast<int32_t>(im.Int("ellipsis_mask", 0));
  o.new_axis_mask = static_cast<int32_t>(im.Int("new_axis_mask", 0));
  o.shrink_axis_mask = static_cast<int32_t>(im.Int("shrink_axis_mask", 0));
  const int begin = IndexInput(im, 1), end = IndexInput(im, 2), strides = IndexInput(im, 3);
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_STRIDED_SLICE, {im.In(0), begin, end, strides}, Options(o)));
  return Status::Ok();
}

Status ConvertTfSlice(TfImporter& im) {
  const int begin = IndexInput(im, 1), size = IndexInput(im, 2);
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SLICE, {im.In(0), begin, size}, Options(tflite::SliceOptionsT{})));
  return Status::Ok();
}

Status ConvertTfGather(TfImporter& im) {
  Result<int> rank = im.Rank(im.In(0));
  if (!rank.ok()) return rank.status();
  Result<int> axis = ScalarAxis(im, 2, *rank);
  if (!axis.ok()) return axis.status();
  tflite::GatherOptionsT o;
  o.axis = *axis;
  o.batch_dims = static_cast<int32_t>(im.Int("batch_dims", 0));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_GATHER, {im.In(0), IndexInput(im, 1)}, Options(o)));
  return Status::Ok();
}

Status ConvertTfShape(TfImporter& im) {
  const bool i64 = im.DType("out_type") == tfproto::DT_INT64;
  const tflite::TensorType type = i64 ? tflite::TensorType_INT64 : tflite::TensorType_INT32;
  Result<ir::Dims> shape = im.Shape(im.In(0));
  if (shape.ok()) {
    std::vector<int64_t> dims(shape->begin(), shape->end());
    im.SetOutput(0, i64 ? im.graph().AddConstant(im.NewName("shape"), type, {static_cast<int32_t>(dims.size())}, dims)
                        : im.ConstI32(std::vector<int32_t>(shape->begin(), shape->end())));
    return Status::Ok();
  }
  tflite::ShapeOptionsT o;
  o.out_type = type;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SHAPE, {im.In(0)}, Options(o), type));
  return Status::Ok();
}

Status ConvertTfFill(TfImporter& im) {
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_FILL, {IndexInput(im, 0), im.In(1)}, Options(tflite::FillOptionsT{}), im.Val(im.In(1)).type));
  return Status::Ok();
}

Status ConvertTfRange(TfImporter& im) {
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RANGE, {im.In(0), im.In(1), im.In(2)}, Options(tflite::RangeOptionsT{})));
  return Status::Ok();
}

Status ConvertTfTile(TfImporter& im) {
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_TILE, {im.In(0), IndexInput(im, 1)}, Options(tflite::TileOptionsT{})));
  return Status::Ok();
}

}  // namespace litescope
