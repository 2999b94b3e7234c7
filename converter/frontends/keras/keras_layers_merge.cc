// Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum (a chain of binary ops with
// broadcasting, as Keras allows), Concatenate (CONCATENATION).
#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {
namespace {

using tflite::BuiltinOperator;

Result<int> Chain(LayerContext& ctx, BuiltinOperator op, const char* what) {
  if (ctx.inputs().size() < 2) return ctx.Error("needs at least 2 inputs, got " + std::to_string(ctx.inputs().size()));
  int acc = ctx.input(0);
  for (size_t i = 1; i < ctx.inputs().size(); ++i)
    acc = ctx.Binary(op, acc, ctx.input(i), ctx.inputs().size() == 2 ? what : std::string(what) + "_" + std::to_string(i));
  return acc;
}

Status Merge(LayerContext& ctx, BuiltinOperator op, const char* what) {
  Result<int> out = Chain(ctx, op, what);
  if (!out.ok()) return out.status();
  ctx.outputs = {*out};
  return Status::Ok();
}

}  // namespace

Status ConvertAdd(LayerContext& ctx) { return Merge(ctx, BuiltinOperator::BuiltinOperator_ADD, "add"); }
Status ConvertMultiply(LayerContext& ctx) { return Merge(ctx, BuiltinOperator::BuiltinOperator_MUL, "mul"); }
Status ConvertMaximum(LayerContext& ctx) { return Merge(ctx, BuiltinOperator::BuiltinOperator_MAXIMUM, "maximum"); }
Status ConvertMinimum(LayerContext& ctx) { return Merge(ctx, BuiltinOperator::BuiltinOperator_MINIMUM, "minimum"); }

Status ConvertSubtract(LayerContext& ctx) {
  LITESCOPE_RETURN_IF_ERROR(ctx.ExpectInputs(2));
  return Merge(ctx, BuiltinOperator::BuiltinOperator_SUB, "sub");
}

Status ConvertAverage(LayerContext& ctx) {
  Result<int> sum = Chain(ctx, BuiltinOperator::BuiltinOperator_ADD, "add");
  if (!sum.ok()) return sum.status();
  const int scale = ctx.ScalarConstant("inverse_count", 1.0f / static_cast<float>(ctx.inputs().size()));
  ctx.outputs = {ctx.Binary(BuiltinOperator::BuiltinOperator_MUL, *sum, scale, "mean")};
  return Status::Ok();
}

Status ConvertConcatenate(LayerContext& ctx) {
  if (ctx.inputs().empty()) return ctx.Error("has no input");
  int axis = ctx.config().value("axis", -1);
  Result<ir::Dims> first = ctx.Shape(ctx.input(0));
  if (!first.ok()) return first.status();
  const int rank = static_cast<int>(first->size());
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return ctx.Error("axis out of range for rank " + std::to_string(rank));
  ir::Dims out = *first;
  out[static_cast<size_t>(axis)] = 0;
  for (int in : ctx.inputs()) {
    Result<ir::Dims> s = ctx.Shape(in);
    if (!s.ok()) return s.status();
    if (static_cast<int>(s->size()) != rank) return ctx.Error("inputs have different ranks");
    out[static_cast<size_t>(axis)] += (*s)[static_cast<size_t>(axis)];
  }
  tflite::ConcatenationOptionsT o;
  o.axis = axis;
  ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_CONCATENATION, Options(o), ctx.inputs(), "concatenation", out)};
  return Status::Ok();
}

}  // namespace litescope::keras
