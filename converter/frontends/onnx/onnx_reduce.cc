// Reductions: ReduceMean/Sum/Max/Min/Prod and the composite L1, L2, LogSum, LogSumExp, SumSquare;
// ArgMax/ArgMin; CumSum.
#include <algorithm>

#include "converter/frontends/onnx/onnx_op_table.h"

namespace litescope {

Status ConvertReduce(Importer& im) {
  const std::string& t = im.type();
  int x = im.In(0);
  Result<int> rank = im.Rank(x);
  if (!rank.ok()) return rank.status();
  std::vector<int64_t> axes;
  const bool axes_input = (t == "ReduceSum" && im.opset() >= 13) || im.opset() >= 18;
  int runtime_axes = -1, runtime_count = 0;
  if (axes_input) {
    if (im.Has(1) && !im.IsConst(im.In(1))) {
      Result<ir::Dims> as = im.Shape(im.In(1));
      if (!as.ok()) return as.status();
      if (as->size() != 1) return im.Fail("axes must be 1-D");
      if ((*as)[0] > 0) runtime_axes = im.Cast(im.In(1), tflite::TensorType_INT32);  // else empty: known now
      runtime_count = (*as)[0];
    } else if (im.Has(1)) {
      Result<std::vector<int64_t>> a = im.ConstInts(im.In(1));
      if (!a.ok()) return a.status();
      axes = *a;
    }
  } else {
    axes = im.Ints("axes");
  }
  const bool keep = im.Int("keepdims", 1) != 0;
  if (axes.empty() && runtime_axes < 0) {
    if (im.Int("noop_with_empty_axes", 0) != 0) {
      Result<ir::Dims> s = im.Shape(x);
      if (!s.ok()) return s.status();
      im.SetOutput(0, im.Reshape(x, *s));
      return Status::Ok();
    }
    for (int d = 0; d < *rank; ++d) axes.push_back(d);
  }
  std::vector<int32_t> norm;
  for (int64_t a : axes) {
    Result<int> n = im.Axis(a, *rank);
    if (!n.ok()) return n.status();
    norm.push_back(*n);
  }
  std::sort(norm.begin(), norm.end());
  tflite::BuiltinOperator op = tflite::BuiltinOperator_SUM;
  if (t == "ReduceMean") op = tflite::BuiltinOperator_MEAN;
  if (t == "ReduceMax") op = tflite::BuiltinOperator_REDUCE_MAX;
  if (t == "ReduceMin") op = tflite::BuiltinOperator_REDUCE_MIN;
  if (t == "ReduceProd") op = tflite::BuiltinOperator_REDUCE_PROD;
  if (t == "ReduceL1") x = im.Emit(tflite::BuiltinOperator_ABS, {x});
  if (t == "ReduceL2" || t == "ReduceSumSquare") x = im.Emit(tflite::BuiltinOperator_SQUARE, {x});
  if (t == "ReduceLogSumExp") x = im.Emit(tflite::BuiltinOperator_EXP, {x});
  tflite::ReducerOptionsT o;
  o.keep_dims = keep;
  // Runtime axes (negative ones count from the end, as in the reduce kernels).
  int y = runtime_axes >= 0 ? im.Emit(op, {x, runtime_axes}, Options(o), {.dynamic_rank = keep ? *rank : *rank - runtime_count})
                            : im.Emit(op, {x, im.ConstI32(norm)}, Options(o));
  if (t == "ReduceL2") y = im.Emit(tflite::BuiltinOperator_SQRT, {y});
  if (t == "ReduceLogSum" || t == "ReduceLogSumExp") y = im.Emit(tflite::BuiltinOperator_LOG, {y});
  im.SetOutput(0, y);
  return Status::Ok();
}

Status ConvertArgMinMax(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  Result<int> axis = im.Axis(im.Int("axis", 0), static_cast<int>(s->size()));
  if (!axis.ok()) return axis.status();
  // select_last_index: the first index in the reversed input is n - 1 - the last one.
  const bool last = im.Int("select_last_index", 0) != 0;
  const int32_t n = (*s)[static_cast<size_t>(*axis)];
  int in = x;
  if (last) {
    std::vector<int32_t> reversed;
    for (int32_t i = n - 1; i >= 0; --i) reversed.push_back(i);
    tflite::GatherOptionsT g;
    g.axis = *axis;
    in = im.Emit(tflite::BuiltinOperator_GATHER, {x, im.ConstI32(reversed)}, Options(g), {.shape = *s});
  }
  const bool max = im.type() == "ArgMax";
  int y;
  if (max) {
    tflite::ArgMaxOptionsT o;
    o.output_type = tflite::TensorType_INT64;
    y = im.Emit(tflite::BuiltinOperator_ARG_MAX, {in, im.ConstI32({*axis}, ir::Dims{1})}, Options(o), {.type = tflite::TensorType_INT64});
  } else {
    tflite::ArgMinOptionsT o;
    o.output_type = tflite::TensorType_INT64;
    y = im.Emit(tflite::BuiltinOperator_ARG_MIN, {in, im.ConstI32({*axis}, ir::Dims{1})}, Options(o), {.type = tflite::TensorType_INT64});
  }
  if (last) y = im.Emit(tflite::BuiltinOperator_SUB, {im.Scalar(tflite::TensorType_INT64, n - 1), y}, Options(tflite::SubOptionsT{}), {.type = tflite::TensorType_INT64});
  if (im.Int("keepdims", 1) != 0) {
    ir::Dims k = *s;
    k[static_cast<size_t>(*axis)] = 1;
    y = im.Reshape(y, k);
  }
  im.SetOutput(0, y);
  return Status::Ok();
}

Status ConvertCumSum(Importer& im) {
  const int x = im.In(0);
  Result<int> rank = im.Rank(x);
  if (!rank.ok()) return rank.status();
  int axis_value;
  if (im.IsConst(im.In(1))) {
    Result<std::vector<int64_t>> axis = im.ConstInts(im.In(1));
    if (!axis.ok()) return axis.status();
    if (axis->size() != 1) return im.Fail("axis must hold one value");
    Result<int> a = im.Axis((*axis)[0], *rank);
    if (!a.ok()) return a.status();
    axis_value = im.ConstI32({*a}, ir::Dims{});
  } else {
    axis_value = im.Cast(im.In(1), tflite::TensorType_INT32);  // CUMSUM checks and wraps it at run time
  }
  tflite::CumsumOptionsT o;
  o.exclusive = im.Int("exclusive", 0) != 0;
  o.reverse = im.Int("reverse", 0) != 0;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_CUMSUM, {x, axis_value}, Options(o)));
  return Status::Ok();
}

}  // namespace litescope
