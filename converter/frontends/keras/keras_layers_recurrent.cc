// Recurrent layers. LSTM -> UNIDIRECTIONAL_SEQUENCE_LSTM (batch-major; Keras' fused kernel
// [input, 4 * units] in gate order i, f, c, o is split into TFLite's per-gate [units, input]
// matrices) plus a STRIDED_SLICE of the last step when return_sequences is false. GRU has no
// TFLite builtin that the engine runs: it is reported unsupported.
#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {
namespace {

using tflite::BuiltinOperator;

// Columns [gate * units, (gate + 1) * units) of a [rows, 4 * units] matrix, transposed to
// [units, rows].
std::vector<float> GateMatrix(const Weight& w, int gate, int units) {
  const int rows = w.shape[0], cols = w.shape[1];
  std::vector<float> out(static_cast<size_t>(units) * rows);
  for (int u = 0; u < units; ++u)
    for (int r = 0; r < rows; ++r) out[static_cast<size_t>(u) * rows + r] = w.data[static_cast<size_t>(r) * cols + gate * units + u];
  return out;
}

}  // namespace

Status ConvertLSTM(LayerContext& ctx) {
  if (ctx.inputs().size() != 1) return ctx.Unsupported("initial states or masks as inputs");
  const nlohmann::json& c = ctx.config();
  const int units = c.at("units").get<int>();
  const std::string activation = ActivationName(c.value("activation", nlohmann::json("tanh")));
  const std::string recurrent = ActivationName(c.value("recurrent_activation", nlohmann::json("sigmoid")));
  if (recurrent != "sigmoid") return ctx.Unsupported("recurrent_activation " + recurrent + " (TFLite's LSTM gates use sigmoid)");
  tflite::ActivationFunctionType cell_act;
  if (activation == "tanh") {
    cell_act = tflite::ActivationFunctionType_TANH;
  } else if (activation == "relu") {
    cell_act = tflite::ActivationFunctionType_RELU;
  } else {
    return ctx.Unsupported("activation " + activation);
  }
  if (c.value("go_backwards", false)) return ctx.Unsupported("go_backwards");
  if (c.value("return_state", false)) return ctx.Unsupported("return_state (TFLite's LSTM keeps its states internal)");
  if (c.value("time_major", false)) return ctx.Unsupported("time_major");
  const bool sequences = c.value("return_sequences", false);
  Result<const Weight*> kernel = ctx.RequireWeight("kernel", 0, 2);
  if (!kernel.ok()) return kernel.status();
  Result<const Weight*> rkernel = ctx.RequireWeight("recurrent_kernel", 1, 2);
  if (!rkernel.ok()) return rkernel.status();
  const Weight* bias = c.value("use_bias", true) ? ctx.FindWeight("bias", 2) : nullptr;
  if ((*kernel)->shape[1] != 4 * units || (*rkernel)->shape[0] != units || (*rkernel)->shape[1] != 4 * units ||
      (bias != nullptr && bias->data.size() != static_cast<size_t>(4 * units)))
    return ctx.Error("weights do not match units = " + std::to_string(units));
  const int in = ctx.input();
  Result<ir::Dims> shape = ctx.Shape(in);
  if (!shape.ok()) return shape.status();
  if (shape->size() != 3 || (*shape)[2] != (*kernel)->shape[0])
    return ctx.Error("expects a [batch, steps, " + std::to_string((*kernel)->shape[0]) + "] input");
  const int batch = (*shape)[0], steps = (*shape)[1], features = (*shape)[2];

  static const char* kGate[] = {"input", "forget", "cell", "output"};
  std::vector<int> inputs(24, -1);
  inputs[0] = in;
  for (int g = 0; g < 4; ++g) {
    inputs[static_cast<size_t>(1 + g)] = ctx.Constant(std::string(kGate[g]) + "_weights", {units, features}, GateMatrix(**kernel, g, units));
    inputs[static_cast<size_t>(5 + g)] = ctx.Constant(std::string(kGate[g]) + "_recurrent_weights", {units, units}, GateMatrix(**rkernel, g, units));
    std::vector<float> b(static_cast<size_t>(units), 0.0f);
    if (bias != nullptr) std::copy(bias->data.begin() + g * units, bias->data.begin() + (g + 1) * units, b.begin());
    inputs[static_cast<size_t>(12 + g)] = ctx.Constant(std::string(kGate[g]) + "_bias", {units}, b);
  }
  for (int s : {18, 19}) {
    ir::Value state;
    state.name = ctx.name() + (s == 18 ? "/output_state" : "/cell_state");
    state.shape = {batch, units};
    state.is_variable = true;
    inputs[static_cast<size_t>(s)] = ctx.graph().AddValue(std::move(state));
  }
  tflite::UnidirectionalSequenceLSTMOptionsT o;
  o.fused_activation_function = cell_act;
  o.time_major = false;
  o.cell_clip = 0.0f;
  o.proj_clip = 0.0f;
  const int seq = ctx.Emit(BuiltinOperator::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, Options(o), inputs,
                           "unidirectional_sequence_lstm", ir::Dims{batch, steps, units});
  if (sequences) {
    ctx.outputs = {seq};
    return Status::Ok();
  }
  tflite::StridedSliceOptionsT slice;
  slice.shrink_axis_mask = 2;  // drop the step axis
  const int begin = ctx.ConstantInt("last_begin", {3}, {0, steps - 1, 0});
  const int end = ctx.ConstantInt("last_end", {3}, {batch, steps, units});
  const int strides = ctx.ConstantInt("last_strides", {3}, {1, 1, 1});
  ctx.outputs = {ctx.Emit(BuiltinOperator::BuiltinOperator_STRIDED_SLICE, Options(slice), {seq, begin, end, strides},
                          "last_step", ir::Dims{batch, units})};
  return Status::Ok();
}

Status ConvertGRU(LayerContext& ctx) {
  return ctx.Unsupported("GRU has no TFLite builtin this converter emits (no decomposition yet); use LSTM or "
                         "convert with TensorFlow's converter and select TF ops");
}

}  // namespace litescope::keras
