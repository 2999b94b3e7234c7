// Elementwise ONNX ops with two or more inputs: arithmetic, comparisons, logic, Where, Mod.
#include <map>

#include "converter/frontends/onnx/onnx_op_table.h"
#include "engine/runtime/tensor.h"

namespace litescope {
namespace {

// Opset < 7 with broadcast=1: B's shape matches a contiguous run of A's dimensions that starts at
// `axis` (default: A's last dimensions). Trailing 1s make NumPy broadcasting pick the same run.
Result<int> LegacyBroadcast(Importer& im, int a, int b) {
  if (im.opset() >= 7 || im.Int("broadcast", 0) == 0 || im.Attr("axis") == nullptr) return b;
  Result<int> ra = im.Rank(a);
  if (!ra.ok()) return ra.status();
  Result<ir::Dims> bs = im.Shape(b);
  if (!bs.ok()) return bs.status();
  Result<int> axis = im.Axis(im.Int("axis", 0), *ra);
  if (!axis.ok()) return axis.status();
  if (*axis + static_cast<int>(bs->size()) > *ra)
    return im.Fail("B of shape " + ShapeString(*bs) + " does not fit A's rank " + std::to_string(*ra) + " at axis " + std::to_string(*axis));
  ir::Dims s = *bs;
  s.resize(static_cast<size_t>(*ra - *axis), 1);
  return im.Reshape(b, s);
}

}  // namespace

Status ConvertBinary(Importer& im) {
  static const std::map<std::string, tflite::BuiltinOperator> kOps = {
      {"Add", tflite::BuiltinOperator_ADD},         {"Sub", tflite::BuiltinOperator_SUB},
      {"Mul", tflite::BuiltinOperator_MUL},         {"Div", tflite::BuiltinOperator_DIV},
      {"Pow", tflite::BuiltinOperator_POW},         {"Equal", tflite::BuiltinOperator_EQUAL},
      {"Less", tflite::BuiltinOperator_LESS},       {"LessOrEqual", tflite::BuiltinOperator_LESS_EQUAL},
      {"Greater", tflite::BuiltinOperator_GREATER}, {"GreaterOrEqual", tflite::BuiltinOperator_GREATER_EQUAL},
      {"And", tflite::BuiltinOperator_LOGICAL_AND}, {"Or", tflite::BuiltinOperator_LOGICAL_OR},
      {"Xor", tflite::BuiltinOperator_NOT_EQUAL},
  };
  const tflite::BuiltinOperator op = kOps.at(im.type());
  int a = im.In(0);
  Result<int> legacy = LegacyBroadcast(im, a, im.In(1));
  if (!legacy.ok()) return legacy.status();
  int b = *legacy;
  tflite::BuiltinOptionsUnion options;
  switch (op) {
    case tflite::BuiltinOperator_ADD: options = Options(tflite::AddOptionsT{}); break;
    case tflite::BuiltinOperator_SUB: options = Options(tflite::SubOptionsT{}); break;
    case tflite::BuiltinOperator_MUL: options = Options(tflite::MulOptionsT{}); break;
    case tflite::BuiltinOperator_DIV: options = Options(tflite::DivOptionsT{}); break;
    default: break;
  }
  if (op == tflite::BuiltinOperator_POW && im.TypeOf(b) != im.TypeOf(a)) b = im.Cast(b, im.TypeOf(a));
  if (op == tflite::BuiltinOperator_DIV && im.TypeOf(a) == tflite::TensorType_INT64) {
    // Integer division truncates; DIV has no INT64 kernel, so divide in INT32.
    const int q = im.Emit(op, {im.Cast(a, tflite::TensorType_INT32), im.Cast(b, tflite::TensorType_INT32)}, std::move(options));
    im.SetOutput(0, im.Cast(q, tflite::TensorType_INT64));
    return Status::Ok();
  }
  im.SetOutput(0, im.Emit(op, {a, b}, std::move(options)));
  return Status::Ok();
}

Status ConvertVariadic(Importer& im) {
  const std::string& t = im.type();
  const tflite::BuiltinOperator op = t == "Max"   ? tflite::BuiltinOperator_MAXIMUM
                                     : t == "Min" ? tflite::BuiltinOperator_MINIMUM
                                                  : tflite::BuiltinOperator_ADD;
  int acc = im.In(0);
  for (int i = 1; i < im.input_count(); ++i) {
    if (!im.Has(i)) continue;
    acc = op == tflite::BuiltinOperator_ADD ? im.Emit(op, {acc, im.In(i)}, Options(tflite::AddOptionsT{}))
                                            : im.Emit(op, {acc, im.In(i)});
  }
  if (t == "Mean" && im.input_count() > 1)
    acc = im.Emit(tflite::BuiltinOperator_MUL, {acc, im.Scalar(im.TypeOf(acc), 1.0 / im.input_count())}, Options(tflite::MulOptionsT{}));
  if (im.input_count() == 1) {
    Result<ir::Dims> s = im.Shape(acc);
    if (!s.ok()) return s.status();
    acc = im.Reshape(acc, *s);
  }
  im.SetOutput(0, acc);
  return Status::Ok();
}

Status ConvertWhere(Importer& im) {
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SELECT_V2, {im.In(0), im.In(1), im.In(2)}, Options(tflite::SelectV2OptionsT{})));
  return Status::Ok();
}

Status ConvertMod(Importer& im) {
  const int a = im.In(0), b = im.In(1);
  if (im.Int("fmod", 0) == 0) {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_FLOOR_MOD, {a, b}));
    return Status::Ok();
  }
  // fmod: a - b * trunc(a / b), the remainder with the sign of a.
  const tflite::TensorType type = im.TypeOf(a);
  int trunc = 0;
  if (type == tflite::TensorType_FLOAT32) {
    const int q = im.Emit(tflite::BuiltinOperator_DIV, {a, b}, Options(tflite::DivOptionsT{}));
    const int mag = im.Emit(tflite::BuiltinOperator_FLOOR, {im.Emit(tflite::BuiltinOperator_ABS, {q})});
    trunc = im.Emit(tflite::BuiltinOperator_MUL, {mag, im.Emit(tflite::BuiltinOperator_SIGN, {q})}, Options(tflite::MulOptionsT{}));
  } else if (type == tflite::TensorType_INT32 || type == tflite::TensorType_INT64) {
    // Integer DIV truncates; it has no INT64 kernel, so divide in INT32.
    const int q = im.Emit(tflite::BuiltinOperator_DIV, {im.Cast(a, tflite::TensorType_INT32), im.Cast(b, tflite::TensorType_INT32)},
                          Options(tflite::DivOptionsT{}));
    trunc = im.Cast(q, type);
  } else {
    return im.Fail(std::string("fmod on ") + tflite::EnumNameTensorType(type) + " is not supported");
  }
  im.SetOutput(0, Sub(im, a, Mul(im, b, trunc)));
  return Status::Ok();
}

}  // namespace litescope
