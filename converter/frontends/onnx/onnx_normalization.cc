// Normalization: BatchNormalization (folded to MUL + ADD with constant statistics),
// InstanceNormalization, LayerNormalization (MEAN / SQUARED_DIFFERENCE / RSQRT), LRN.
#include <cmath>

#include "converter/frontends/onnx/onnx_op_table.h"
#include "engine/runtime/tensor.h"

namespace litescope {
namespace {


// [C] -> [C, 1, ..., 1] so that it broadcasts over an NCHW tensor of `rank`.
ir::Dims ChannelShape(int c, int rank) {
  ir::Dims s = {c};
  for (int d = 2; d < rank; ++d) s.push_back(1);
  return s;
}

int Mean(Importer& im, int x, const std::vector<int32_t>& axes) {
  tflite::ReducerOptionsT o;
  o.keep_dims = true;
  return im.Emit(tflite::BuiltinOperator_MEAN, {x, im.ConstI32(axes)}, Options(o));
}

}  // namespace

Status ConvertBatchNorm(Importer& im) {
  if (im.Int("training_mode", 0) != 0 || im.HasOutput(1)) return im.Fail("training mode is not supported");
  if (im.opset() < 7 && im.Int("is_test", 0) == 0) return im.Fail("training mode (is_test=0) is not supported");
  const int x = im.In(0);
  Result<ir::Dims> xs = im.Shape(x);
  if (!xs.ok()) return xs.status();
  if (xs->size() < 2) return im.Fail("the input must have a channel dimension");
  const int rank = static_cast<int>(xs->size());
  const float eps = im.Float("epsilon", 1e-5f);
  // The parameters broadcast per channel, or (spatial=0, opset < 9) per element of a sample.
  Result<ir::Dims> ps = im.Shape(im.In(1));
  if (!ps.ok()) return ps.status();
  int64_t n = 1, per_sample = 1;
  for (int32_t d : *ps) n *= d;
  for (int d = 1; d < rank; ++d) per_sample *= (*xs)[static_cast<size_t>(d)];
  ir::Dims shape = ChannelShape((*xs)[1], rank);
  if (n != (*xs)[1]) {
    if (im.opset() >= 9 || im.Int("spatial", 1) != 0 || n != per_sample) return im.Fail("scale of shape " + ShapeString(*ps) + " does not fit the input");
    shape.assign(xs->begin() + 1, xs->end());
  }
  Result<std::vector<float>> scale = im.ConstFloats(im.In(1)), bias = im.ConstFloats(im.In(2)), mean = im.ConstFloats(im.In(3)),
                             var = im.ConstFloats(im.In(4));
  if (scale.ok() && bias.ok() && mean.ok() && var.ok()) {
    const size_t c = scale->size();
    if (bias->size() != c || mean->size() != c || var->size() != c) return im.Fail("scale, B, mean and var differ in size");
    std::vector<float> a(c), b(c);
    for (size_t i = 0; i < c; ++i) {
      a[i] = (*scale)[i] / std::sqrt((*var)[i] + eps);
      b[i] = (*bias)[i] - (*mean)[i] * a[i];
    }
    im.SetOutput(0, Add(im, Mul(im, x, im.ConstF32(a, shape)), im.ConstF32(b, shape)));
    return Status::Ok();
  }
  // Statistics given at run time: the same folding as arithmetic in the graph.
  const int a = Mul(im, im.Reshape(im.In(1), shape),
                    im.Emit(tflite::BuiltinOperator_RSQRT, {Add(im, im.Reshape(im.In(4), shape), im.Scalar(tflite::TensorType_FLOAT32, eps))}));
  const int b = Sub(im, im.Reshape(im.In(2), shape), Mul(im, im.Reshape(im.In(3), shape), a));
  im.SetOutput(0, Add(im, Mul(im, x, a), b));
  return Status::Ok();
}

Status ConvertInstanceNorm(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  const int rank = static_cast<int>(s->size());
  std::vector<int32_t> axes;
  for (int d = 2; d < rank; ++d) axes.push_back(d);
  const int mean = Mean(im, x, axes);
  const int var = Mean(im, im.Emit(tflite::BuiltinOperator_SQUARED_DIFFERENCE, {x, mean}), axes);
  const int inv = im.Emit(tflite::BuiltinOperator_RSQRT, {Add(im, var, im.Scalar(tflite::TensorType_FLOAT32, im.Float("epsilon", 1e-5f)))});
  const ir::Dims cs = ChannelShape((*s)[1], rank);
  const int scale = im.IsConst(im.In(1)) ? im.Reshape(im.In(1), cs) : im.Reshape(im.In(1), cs);
  const int bias = im.Reshape(im.In(2), cs);
  im.SetOutput(0, Add(im, Mul(im, Mul(im, Sub(im, x, mean), inv), scale), bias));
  return Status::Ok();
}

Status ConvertLayerNorm(Importer& im) {
  const int x = im.In(0);
  Result<int> rank = im.Rank(x);
  if (!rank.ok()) return rank.status();
  Result<int> axis = im.Axis(im.Int("axis", -1), *rank);
  if (!axis.ok()) return axis.status();
  std::vector<int32_t> axes;
  for (int d = *axis; d < *rank; ++d) axes.push_back(d);
  const int mean = Mean(im, x, axes);
  const int var = Mean(im, im.Emit(tflite::BuiltinOperator_SQUARED_DIFFERENCE, {x, mean}), axes);
  const int inv = im.Emit(tflite::BuiltinOperator_RSQRT, {Add(im, var, im.Scalar(tflite::TensorType_FLOAT32, im.Float("epsilon", 1e-5f)))});
  int y = Mul(im, Mul(im, Sub(im, x, mean), inv), im.In(1));
  if (im.Has(2)) y = Add(im, y, im.In(2));
  im.SetOutput(0, y);
  im.SetOutput(1, mean);
  im.SetOutput(2, inv);
  return Status::Ok();
}

Status ConvertLrn(Importer& im) {
  const int x = im.In(0);
  Result<int> rank = im.Rank(x);
  if (!rank.ok()) return rank.status();
  const int size = static_cast<int>(im.Int("size", 0));
  if (*rank != 4) return im.Fail("only 4-D inputs are supported");
  if (size % 2 == 0) return im.Fail("even sizes are not supported");
  tflite::LocalResponseNormalizationOptionsT o;
  o.radius = (size - 1) / 2;
  o.bias = im.Float("bias", 1.0f);
  o.alpha = im.Float("alpha", 1e-4f) / static_cast<float>(size);
  o.beta = im.Float("beta", 0.75f);
  const int y = im.Emit(tflite::BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION, {im.ToNhwc(x)}, Options(o));
  im.SetOutput(0, im.ToNchw(y));
  return Status::Ok();
}

}  // namespace litescope
