// Indexing: Gather (negative indices wrapped), GatherElements (as GATHER_ND over index tuples
// built from the static index shape), GatherND.
#include "converter/frontends/onnx/onnx_op_table.h"

namespace litescope {
namespace {

// Indices with negative entries moved into [0, dim).
int WrapIndices(Importer& im, int idx, int32_t dim) {
  if (im.IsConst(idx)) {
    Result<std::vector<int64_t>> v = im.ConstInts(idx);
    if (v.ok()) {
      std::vector<int32_t> w;
      for (int64_t i : *v) w.push_back(static_cast<int32_t>(i < 0 ? i + dim : i));
      return im.ConstI32(w, im.Val(idx).shape);
    }
  }
  const int i32 = im.Cast(idx, tflite::TensorType_INT32);
  const int neg = im.Emit(tflite::BuiltinOperator_LESS, {i32, im.Scalar(tflite::TensorType_INT32, 0)});
  const int moved = im.Emit(tflite::BuiltinOperator_ADD, {i32, im.Scalar(tflite::TensorType_INT32, dim)}, Options(tflite::AddOptionsT{}));
  return im.Emit(tflite::BuiltinOperator_SELECT_V2, {neg, moved, i32}, Options(tflite::SelectV2OptionsT{}));
}

}  // namespace

Status ConvertGather(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  Result<int> axis = im.Axis(im.Int("axis", 0), static_cast<int>(s->size()));
  if (!axis.ok()) return axis.status();
  const int idx = WrapIndices(im, im.In(1), (*s)[static_cast<size_t>(*axis)]);
  tflite::GatherOptionsT o;
  o.axis = *axis;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_GATHER, {x, idx}, Options(o)));
  return Status::Ok();
}

Status ConvertGatherElements(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x), is = im.Shape(im.In(1));
  if (!s.ok()) return s.status();
  if (!is.ok()) return is.status();
  const int rank = static_cast<int>(s->size());
  Result<int> axis = im.Axis(im.Int("axis", 0), rank);
  if (!axis.ok()) return axis.status();
  if (static_cast<int>(is->size()) != rank) return im.Fail("indices and data differ in rank");
  ir::Dims tuple_shape = *is;
  tuple_shape.push_back(1);
  int64_t count = 1;
  for (int32_t d : *is) count *= d;
  std::vector<int> parts;
  for (int d = 0; d < rank; ++d) {
    if (d == *axis) {
      parts.push_back(im.Reshape(WrapIndices(im, im.In(1), (*s)[static_cast<size_t>(d)]), tuple_shape));
      continue;
    }
    // Coordinate d of every index position.
    std::vector<int32_t> coord(static_cast<size_t>(count));
    int64_t inner = 1;
    for (int e = d + 1; e < rank; ++e) inner *= (*is)[static_cast<size_t>(e)];
    for (int64_t i = 0; i < count; ++i) coord[static_cast<size_t>(i)] = static_cast<int32_t>((i / inner) % (*is)[static_cast<size_t>(d)]);
    parts.push_back(im.ConstI32(coord, tuple_shape));
  }
  tflite::ConcatenationOptionsT co;
  co.axis = rank;
  const int tuples = im.Emit(tflite::BuiltinOperator_CONCATENATION, parts, Options(co), {.type = tflite::TensorType_INT32});
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_GATHER_ND, {x, tuples}, {}, {.type = im.TypeOf(x), .shape = *is}));
  return Status::Ok();
}

Status ConvertGatherNd(Importer& im) {
  if (im.Int("batch_dims", 0) != 0) return im.Fail("batch_dims is not supported");
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_GATHER_ND, {im.In(0), im.In(1)}));
  return Status::Ok();
}

}  // namespace litescope
