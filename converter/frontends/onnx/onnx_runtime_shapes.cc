// Shapes and slices from runtime operands (axes, starts/ends): the index arithmetic the shape ops
// need when ONNX gives those as graph inputs instead of initializers, emitted as TFLite ops.
#include "converter/frontends/onnx/onnx_runtime_shapes.h"

namespace litescope {
namespace {

int I32(Importer& im, int32_t v) { return im.Scalar(tflite::TensorType_INT32, v); }
int Sum(Importer& im, int x, int32_t axis) { return im.Emit(tflite::BuiltinOperator_SUM, {x, im.ConstI32({axis})}, Options(tflite::ReducerOptionsT{})); }

int Arange(Importer& im, int32_t n, const ir::Dims& shape) {
  std::vector<int32_t> v(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return im.ConstI32(v, shape);
}

// INT32 [rank]: for each position, how many of the `count` runtime axes (negative ones count from
// the end) name it.
int AxisHits(Importer& im, int axes, int32_t count, int32_t rank) {
  const int a = im.Reshape(im.Cast(axes, tflite::TensorType_INT32), {count, 1});
  const int neg = im.Emit(tflite::BuiltinOperator_LESS, {a, I32(im, 0)});
  const int norm = im.Emit(tflite::BuiltinOperator_SELECT_V2, {neg, Add(im, a, I32(im, rank)), a}, Options(tflite::SelectV2OptionsT{}));
  const int eq = im.Emit(tflite::BuiltinOperator_EQUAL, {norm, Arange(im, rank, {1, rank})});
  return Sum(im, im.Cast(eq, tflite::TensorType_INT32), 0);
}

// The exclusive running sum of a 1-D INT32 value: for each position, the count before it.
int ExclusiveCumsum(Importer& im, int v) {
  tflite::CumsumOptionsT o;
  o.exclusive = true;
  return im.Emit(tflite::BuiltinOperator_CUMSUM, {v, im.ConstI32({0}, ir::Dims{})}, Options(o));
}

}  // namespace

// The static length of a runtime 1-D integer input.
Result<int32_t> Length(Importer& im, int v) {
  Result<ir::Dims> s = im.Shape(v);
  if (!s.ok()) return s.status();
  if (s->size() != 1) return im.Fail("input " + im.Val(v).name + " must be 1-D");
  return (*s)[0];
}

// Squeeze by runtime axes: output dimension j is the j-th input dimension not named.
int SqueezedShape(Importer& im, const ir::Dims& s, int axes, int32_t count) {
  const int32_t rank = static_cast<int32_t>(s.size()), out = rank - count;
  const int keep = Sub(im, I32(im, 1), AxisHits(im, axes, count, rank));
  const int pos = im.Reshape(ExclusiveCumsum(im, keep), {1, rank});
  const int pick = im.Cast(im.Emit(tflite::BuiltinOperator_EQUAL, {pos, Arange(im, out, {out, 1})}), tflite::TensorType_INT32);
  return Sum(im, Mul(im, pick, Mul(im, keep, im.ConstI32(std::vector<int32_t>(s.begin(), s.end())))), 1);
}

// Unsqueeze by runtime axes: a named output position is 1, the others take the input dimensions
// in order.
int UnsqueezedShape(Importer& im, const ir::Dims& s, int axes, int32_t count) {
  const int32_t rank = static_cast<int32_t>(s.size()), out = rank + count;
  const int hits = AxisHits(im, axes, count, out);
  const int keep = Sub(im, I32(im, 1), hits);
  const int src = im.Emit(tflite::BuiltinOperator_MINIMUM, {ExclusiveCumsum(im, keep), I32(im, rank)});
  std::vector<int32_t> dims(s.begin(), s.end());
  dims.push_back(1);
  const int from = im.Emit(tflite::BuiltinOperator_GATHER, {im.ConstI32(dims), src}, Options(tflite::GatherOptionsT{}));
  return Add(im, Mul(im, from, keep), hits);
}

// Slice with starts/ends (axes, steps) known at run time: the k specs are scattered into
// full-rank begin/end/strides by a one-hot [k, rank] matrix; dimensions not named take all. starts
// and ends are first clamped to [-dim, dim] and [-dim - 1, dim] (in INT64), where ONNX's and
// STRIDED_SLICE's clamping agree.
int RuntimeSlice(Importer& im, int x, const ir::Dims& s, int32_t k) {
  const int32_t rank = static_cast<int32_t>(s.size());
  const auto i32 = [&](int v) { return im.Cast(v, tflite::TensorType_INT32); };
  const auto i64 = [&](int v) { return im.Cast(v, tflite::TensorType_INT64); };
  const int dims = im.ConstI32(std::vector<int32_t>(s.begin(), s.end()), ir::Dims{1, rank});
  const int axes = im.Reshape(im.Has(3) ? i32(im.In(3)) : Arange(im, k, {k}), {k, 1});
  const int norm = im.Emit(tflite::BuiltinOperator_SELECT_V2, {im.Emit(tflite::BuiltinOperator_LESS, {axes, I32(im, 0)}), Add(im, axes, I32(im, rank)), axes},
                           Options(tflite::SelectV2OptionsT{}));
  const int onehot = i32(im.Emit(tflite::BuiltinOperator_EQUAL, {norm, Arange(im, rank, {1, rank})}));
  const int dim = Sum(im, Mul(im, onehot, dims), 1);  // [k]: each spec's dimension
  const auto clamp = [&](int v, int lo, int hi) {
    return i32(im.Emit(tflite::BuiltinOperator_MINIMUM, {im.Emit(tflite::BuiltinOperator_MAXIMUM, {i64(v), i64(lo)}), i64(hi)}));
  };
  const int neg_dim = Sub(im, I32(im, 0), dim);
  const int starts = clamp(im.In(1), neg_dim, dim);
  const int ends = clamp(im.In(2), Sub(im, neg_dim, I32(im, 1)), dim);
  const int steps = im.Has(4) ? i32(im.In(4)) : im.ConstI32(std::vector<int32_t>(static_cast<size_t>(k), 1));
  const auto scatter = [&](int v) { return Sum(im, Mul(im, onehot, im.Reshape(v, {k, 1})), 0); };
  const int unset = Sub(im, I32(im, 1), Sum(im, onehot, 0));
  const int begin = scatter(starts);
  const int end = Add(im, scatter(ends), Mul(im, unset, im.Reshape(dims, {rank})));
  const int stride = Add(im, scatter(steps), unset);
  return im.Emit(tflite::BuiltinOperator_STRIDED_SLICE, {x, begin, end, stride}, Options(tflite::StridedSliceOptionsT{}), {.dynamic_rank = rank});
}

}  // namespace litescope
