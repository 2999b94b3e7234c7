// The keyword spotter's dynamic-range half of issue 7's proof. The official kws_ref_model_float32
// is TFLite's dynamic-range (hybrid) quantization of the SavedModel's network: we convert the
// SavedModel ourselves and quantize our float conversion the same way (QuantMode::kDynamic with
// TFLite's defaults), then check against the official file:
//  - the same ops, the same weights in int8 (TFLite's 1,024-element threshold), each with the same
//    granularity and axis; biases stay float in both; our file no more than 5 % larger;
//  - both follow the same rule for the scales, symmetric max|w| / 127 per output channel, worked
//    out here from each file's own values (the official from its dequantized weights);
//  - our hybrid model runs in real TFLite's hybrid kernels like in ours.
// The outputs cannot equal the official ones: the SavedModel holds another checkpoint than the one
// the official files came from (tests/converter/tensorflow/tf_kws_test.cc). What the two hybrid
// models each lose against float weights is printed for the closing note.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "converter/convert.h"
#include "converter/frontends/tflite/tflite_frontend.h"
#include "converter/writer/tflite_writer.h"
#include "engine/model/summary.h"
#include "quantization/compare/compare.h"
#include "quantization/dataset/real_values.h"
#include "quantization/ptq/quantize_file.h"
#include "tests/quantization/ptq/uniform_inputs.h"
#include "tests/support/op_case.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

// One weight input of a CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED, in graph order.
struct Weight {
  std::string op;
  tflite::TensorType weight_type, bias_type;
  size_t scales = 0;
  int axis = 0;
  double worst_scale_error = 0;  // max over channels of |scale * 127 / max|w| - 1|
};

std::vector<Weight> Weights(const ir::Model& m) {
  std::vector<Weight> out;
  const ir::Graph& g = m.main();
  for (const ir::Node& n : g.nodes) {
    if (n.op != tflite::BuiltinOperator_CONV_2D && n.op != tflite::BuiltinOperator_DEPTHWISE_CONV_2D && n.op != tflite::BuiltinOperator_FULLY_CONNECTED)
      continue;
    const ir::Value& w = g.values[static_cast<size_t>(n.inputs[1])];
    const ir::Value& b = g.values[static_cast<size_t>(n.inputs[2])];
    Weight x{ir::NodeOpName(n), w.type, b.type, w.quant.scale.size(), static_cast<int>(w.quant.quantized_dimension)};
    if (w.type == tflite::TensorType_INT8) {
      // The largest |q| of each channel is 127 when scale = max|w| / 127.
      const size_t channels = x.scales, count = static_cast<size_t>(w.elements());
      size_t inner = 1;
      for (size_t d = static_cast<size_t>(x.axis) + 1; d < w.shape.size(); ++d) inner *= static_cast<size_t>(w.shape[d]);
      std::vector<int> peak(channels, 0);
      for (size_t i = 0; i < count; ++i) {
        const size_t c = channels == 1 ? 0 : (i / inner) % channels;
        peak[c] = std::max(peak[c], std::abs(static_cast<int>(w.as<int8_t>()[i])));
      }
      for (int p : peak) x.worst_scale_error = std::max(x.worst_scale_error, std::fabs(p / 127.0 - 1));
    }
    out.push_back(x);
  }
  return out;
}

// The hybrid model with its int8 weights dequantized: a float model with the weights it computes with.
Result<std::unique_ptr<Model>> DequantizedTwin(const ir::Model& hybrid) {
  ir::Model twin = hybrid;
  for (ir::Value& v : twin.main().values) {
    if (!v.is_constant() || v.type != tflite::TensorType_INT8) continue;
    const Quantization quant{v.quant.scale, v.quant.zero_point, v.quant.quantized_dimension};
    const std::vector<float> f = *RealValues(v.type, v.data->data(), v.elements(), quant, v.shape);
    std::vector<uint8_t> bytes(f.size() * 4);
    std::memcpy(bytes.data(), f.data(), bytes.size());
    v = ir::Value{.name = v.name, .type = tflite::TensorType_FLOAT32, .shape = v.shape, .data = std::make_shared<const std::vector<uint8_t>>(std::move(bytes))};
  }
  Result<SerializedModel> bytes = SerializeTflite(twin);
  if (!bytes.ok()) return bytes.status();
  return Model::FromBytes(bytes->Bytes(), "dequantized twin");
}

TEST(KwsDynamicRange, OurHybridQuantizationOfTheSavedModelIsTheOfficialOnes) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path models = *testing::SharedDir() / "models";
  const fs::path dir = testing::TempDir("kws_dynamic");
  const fs::path ours_float = dir / "kws_float.tflite", ours_hybrid = dir / "kws_dynamic.tflite";
  Result<ConvertResult> c = Convert((models / "savedmodel" / "kws_ref_model").string(), ours_float.string(), {});
  ASSERT_TRUE(c.ok()) << c.status().message();
  // The official file has one scale per weight tensor (the TensorFlow of its day); ours defaults to
  // one per output channel, which is closer to float: both are written and measured.
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::kDynamic;
  o.quantize.per_channel = false;
  Result<QuantizeFileResult> q = QuantizeFile(ours_float.string(), ours_hybrid.string(), o);
  ASSERT_TRUE(q.ok()) << q.status().message();
  const fs::path ours_per_channel = dir / "kws_dynamic_per_channel.tflite";
  o.quantize.per_channel = true;
  ASSERT_TRUE(QuantizeFile(ours_float.string(), ours_per_channel.string(), o).ok());

  const fs::path official_path = models / "tflite/tiny/keyword_spotting/kws_ref_model_float32.tflite";
  std::unique_ptr<Model> ours_file = testing::LoadOrFail(ours_hybrid.string()), official_file = testing::LoadOrFail(official_path.string());
  Result<ir::Model> ours = ImportTflite(*ours_file), official = ImportTflite(*official_file);
  ASSERT_TRUE(ours.ok() && official.ok());
  EXPECT_EQ(Summarize(*ours_file).op_histogram, Summarize(*official_file).op_histogram);
  const std::vector<Weight> a = Weights(*ours), b = Weights(*official);
  ASSERT_EQ(a.size(), b.size());
  int int8_weights = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE("layer " + std::to_string(i) + " " + a[i].op);
    EXPECT_EQ(a[i].op, b[i].op);
    EXPECT_EQ(a[i].weight_type, b[i].weight_type);
    EXPECT_EQ(a[i].bias_type, tflite::TensorType_FLOAT32);
    EXPECT_EQ(b[i].bias_type, tflite::TensorType_FLOAT32);
    if (a[i].weight_type != tflite::TensorType_INT8) continue;
    ++int8_weights;
    EXPECT_EQ(a[i].scales, b[i].scales);
    EXPECT_EQ(a[i].axis, b[i].axis);
    EXPECT_LT(a[i].worst_scale_error, 1e-9);
    EXPECT_LT(b[i].worst_scale_error, 1e-9);
  }
  EXPECT_GT(int8_weights, 0);
  const double size_ratio = static_cast<double>(fs::file_size(ours_hybrid)) / static_cast<double>(fs::file_size(official_path));
  EXPECT_LE(size_ratio, 1.05);

  // What each hybrid model loses against float weights, on the same inputs: ours against our
  // float conversion, the official one against its own weights dequantized (its float source is
  // not shipped).
  Result<std::unique_ptr<Model>> official_twin = DequantizedTwin(*official);
  ASSERT_TRUE(official_twin.ok()) << official_twin.status().message();
  std::unique_ptr<Model> ours_float_file = testing::LoadOrFail(ours_float.string());
  CompareOptions co;
  co.latency_runs = 3;
  // The logits (the FULLY_CONNECTED before the SOFTMAX) show the error that saturated
  // probabilities hide.
  auto logits_snr = [](const Comparison& c) {
    for (const LayerComparison& l : c.layers)
      if (l.op == "FULLY_CONNECTED") return l.error.snr_db;
    ADD_FAILURE() << "no FULLY_CONNECTED layer compared";
    return 0.0;
  };
  // 100 inputs uniform over the official full-int8 model's input range (MFCC features).
  std::unique_ptr<Model> official_int8 = testing::LoadOrFail((models / "tflite/tiny/keyword_spotting/kws_ref_model.tflite").string());
  const DatasetSpec inputs{{testing::WriteUniformBatch(*official_int8, dir / "inputs.npy", 100, 5).string()}, "", 100, 1, ""};
  std::unique_ptr<Model> per_channel_file = testing::LoadOrFail(ours_per_channel.string());
  Result<Comparison> mine = Compare(*ours_float_file, *ours_file, inputs, co);
  Result<Comparison> mine_per_channel = Compare(*ours_float_file, *per_channel_file, inputs, co);
  Result<Comparison> theirs = Compare(**official_twin, *official_file, inputs, co);
  Result<std::unique_ptr<Model>> our_twin = DequantizedTwin(*ours);
  ASSERT_TRUE(our_twin.ok()) << our_twin.status().message();
  Result<Comparison> mine_activations = Compare(**our_twin, *ours_file, inputs, co);
  ASSERT_TRUE(mine_activations.ok()) << mine_activations.status().message();
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  ASSERT_TRUE(mine_per_channel.ok()) << mine_per_channel.status().message();
  ASSERT_TRUE(theirs.ok()) << theirs.status().message();
  std::printf("kws dynamic range (%d int8 weights), logits SNR / top-1 agreement: ours per tensor %llu B %.2f dB / %.3f, ours per channel "
              "%llu B %.2f dB / %.3f (against our float conversion); official %llu B %.2f dB / %.3f (against its own weights dequantized)\n",
              int8_weights, static_cast<unsigned long long>(fs::file_size(ours_hybrid)), logits_snr(*mine), mine->accuracy->top1_agreement,
              static_cast<unsigned long long>(fs::file_size(ours_per_channel)), logits_snr(*mine_per_channel),
              mine_per_channel->accuracy->top1_agreement, static_cast<unsigned long long>(fs::file_size(official_path)), logits_snr(*theirs),
              theirs->accuracy->top1_agreement);
  std::printf("kws dynamic range, the activations' run-time quantization alone (against the model's own weights dequantized): ours per tensor "
              "%.2f dB, official %.2f dB\n",
              logits_snr(*mine_activations), logits_snr(*theirs));
  EXPECT_GT(logits_snr(*mine_per_channel), logits_snr(*mine));

  // Our hybrid model in real TFLite's hybrid kernels.
  testing::OpCase oracle("kws_ours_dynamic", ModelBuilder::FromModel(*ours_file),
                         {{tflite::TensorType_FLOAT32, {1, 49, 10, 1}, [] {
                             const std::vector<float> x = testing::RandomFloats(49 * 10, 3, -1, 1);
                             std::vector<uint8_t> bytes(x.size() * 4);
                             std::memcpy(bytes.data(), x.data(), bytes.size());
                             return bytes;
                           }()}});
  testing::ExpectMatchesTflite({&oracle}, 1e-4);
}

}  // namespace
}  // namespace litescope
