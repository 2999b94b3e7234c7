// The MLPerf Tiny keyword spotter (TF2 SavedModel, DS-CNN) converted by us, against its checkpoint
// and against TensorFlow's own conversions of "the same" model.
//
// Finding (issue 7): the SavedModel in ../shared is not the checkpoint the official .tflite files
// were converted from. Evidence, all computed below:
//  - the two official files (hybrid kws_ref_model_float32 and full-int8 kws_ref_model), dequantized,
//    agree with each other on every layer (correlation > 0.999, the int32 biases dequantized with
//    input scale x weight scale): two independent witnesses of one set of weights;
//  - our converted constants equal the checkpoint's values with batch norm folded (worked out
//    here from the raw checkpoint tensors, not by the converter), layer by layer, within 1e-5;
//  - no weight tensor of ours correlates with ANY official tensor of the same shape (|r| <= 0.12;
//    folded biases |r| <= 0.42): no permutation of the 4 depthwise / 4 pointwise layers or of the
//    BN vectors matches (nor, checked once by hand, a channel permutation of the first
//    convolution: best |r| per filter min 0.40, mean 0.62), and the Dense bias [12] (the one unique
//    shape, never folded) differs by ~0.77 of its peak (r = 0.86: the class priors of two
//    training runs) although our binding maps dense/bias to layer_with_weights-18/bias, the only
//    [12] value in the checkpoint.
// So the outputs differ (11 to 20 % of the peak on random inputs) because the weights do, not because of the converter.
// What is asserted: the same ops in the same order with the same shapes, our folding of the
// checkpoint, the twins' agreement, and the finding itself (if ../shared ever ships the matching
// checkpoint the finding fails: then require the golden tolerance, 1e-3 of the peak, instead).
// The converted model also runs in real TFLite, within 1e-4 of our interpreter.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "converter/convert.h"
#include "converter/frontends/tensorflow/tf_bundle.h"
#include "converter/frontends/tflite/tflite_frontend.h"
#include "engine/model/summary.h"
#include "tests/converter/onnx/onnx_test_util.h"
#include "tests/support/op_case.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

// One weight or bias of a CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED, as floats.
struct Param {
  int layer;  // the index of its op among those three kinds
  ir::Dims shape;
  std::vector<float> v;
};

// A constant's float values: INT8 per-tensor or per-channel, INT32 biases with input scale x
// weight scale (full-int8 models), FLOAT32 as is.
std::vector<float> Dequantized(const ir::Graph& g, const ir::Node& n, const ir::Value& v) {
  const size_t count = static_cast<size_t>(v.elements());
  std::vector<float> f(count);
  if (v.type == tflite::TensorType_FLOAT32) {
    std::memcpy(f.data(), v.data->data(), count * 4);
    return f;
  }
  std::vector<float> scale = v.quant.scale;
  if (v.type == tflite::TensorType_INT32) {
    scale.clear();
    for (float s : g.values[static_cast<size_t>(n.inputs[1])].quant.scale) scale.push_back(s * g.values[static_cast<size_t>(n.inputs[0])].quant.scale[0]);
  }
  size_t inner = 1;
  for (size_t d = static_cast<size_t>(v.quant.quantized_dimension) + 1; d < v.shape.size(); ++d) inner *= static_cast<size_t>(v.shape[d]);
  for (size_t i = 0; i < count; ++i) {
    const size_t c = scale.size() == 1 ? 0 : (i / inner) % scale.size();
    const double q = v.type == tflite::TensorType_INT8 ? v.as<int8_t>()[i] : v.as<int32_t>()[i];
    const double zp = v.quant.zero_point.size() > c ? static_cast<double>(v.quant.zero_point[c]) : 0;
    f[i] = static_cast<float>((q - zp) * scale[c]);
  }
  return f;
}

std::vector<Param> Params(const ir::Model& m) {
  std::vector<Param> out;
  const ir::Graph& g = m.main();
  int layer = 0;
  for (const ir::Node& n : g.nodes) {
    if (n.op != tflite::BuiltinOperator_CONV_2D && n.op != tflite::BuiltinOperator_DEPTHWISE_CONV_2D && n.op != tflite::BuiltinOperator_FULLY_CONNECTED)
      continue;
    for (size_t slot : {1u, 2u}) {
      const ir::Value& v = g.values[static_cast<size_t>(n.inputs[slot])];
      out.push_back({layer, v.shape, Dequantized(g, n, v)});
    }
    ++layer;
  }
  return out;
}

float RelativeDiff(const std::vector<float>& a, const std::vector<float>& b) {
  float d = 0, peak = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    d = std::max(d, std::fabs(a[i] - b[i]));
    peak = std::max(peak, std::fabs(b[i]));
  }
  return d / peak;
}

double Correlation(const std::vector<float>& a, const std::vector<float>& b) {
  double ab = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < a.size(); ++i) ab += double(a[i]) * b[i], aa += double(a[i]) * a[i], bb += double(b[i]) * b[i];
  return ab / std::sqrt(aa * bb);
}

std::vector<float> ReadFloats(const TfBundle& b, int layer, const std::string& what) {
  Result<TfTensor> t = b.Read("layer_with_weights-" + std::to_string(layer) + "/" + what + "/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_TRUE(t.ok()) << t.status().message();
  if (!t.ok()) return {};
  std::vector<float> f(t->bytes.size() / 4);
  std::memcpy(f.data(), t->bytes.data(), t->bytes.size());
  return f;
}

// Layer k of ours (k < 9: a convolution; checkpoint layers 2k and 2k + 1 are it and its batch
// norm, Keras' epsilon 1e-3; k = 9: the Dense layer 18) folded from the raw checkpoint values.
std::pair<std::vector<float>, std::vector<float>> FoldedFromCheckpoint(const TfBundle& b, int k) {
  if (k == 9) {  // [64, 12] -> FULLY_CONNECTED [12, 64]
    const std::vector<float> w = ReadFloats(b, 18, "kernel");
    std::vector<float> t(w.size());
    for (size_t o = 0; o < 12; ++o)
      for (size_t i = 0; i < 64; ++i) t[o * 64 + i] = w[i * 12 + o];
    return {t, ReadFloats(b, 18, "bias")};
  }
  const bool depthwise = k % 2 == 1;
  const std::vector<float> w = ReadFloats(b, 2 * k, depthwise ? "depthwise_kernel" : "kernel"), bias = ReadFloats(b, 2 * k, "bias");
  const std::vector<float> gamma = ReadFloats(b, 2 * k + 1, "gamma"), beta = ReadFloats(b, 2 * k + 1, "beta");
  const std::vector<float> mean = ReadFloats(b, 2 * k + 1, "moving_mean"), var = ReadFloats(b, 2 * k + 1, "moving_variance");
  const size_t channels = bias.size(), per_channel = w.size() / channels;
  std::vector<float> scale(channels), folded_w(w.size()), folded_b(channels);
  for (size_t c = 0; c < channels; ++c) {
    scale[c] = gamma[c] / std::sqrt(var[c] + 1e-3f);
    folded_b[c] = (bias[c] - mean[c]) * scale[c] + beta[c];
  }
  // HWIO -> OHWI for CONV_2D; a depthwise [kh, kw, c, 1] -> [1, kh, kw, c] keeps its order.
  for (size_t i = 0; i < w.size(); ++i) {
    const size_t c = i % channels;
    folded_w[depthwise ? i : c * per_channel + i / channels] = w[i] * scale[c];
  }
  return {folded_w, folded_b};
}

TEST(TensorFlowKws, SavedModelAgainstItsCheckpointAndTheOfficialConversions) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path models = *testing::SharedDir() / "models";
  const fs::path saved_model = models / "savedmodel" / "kws_ref_model";
  const fs::path out = testing::TempDir("tf_kws") / "kws.tflite";
  Result<ConvertResult> r = Convert(saved_model.string(), out.string(), {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::unique_ptr<Model> ours_file = testing::LoadOrFail(out.string());
  std::unique_ptr<Model> hybrid_file = testing::LoadOrFail((models / "tflite/tiny/keyword_spotting/kws_ref_model_float32.tflite").string());
  std::unique_ptr<Model> int8_file = testing::LoadOrFail((models / "tflite/tiny/keyword_spotting/kws_ref_model.tflite").string());
  Result<ir::Model> ours = ImportTflite(*ours_file), hybrid = ImportTflite(*hybrid_file), int8 = ImportTflite(*int8_file);
  ASSERT_TRUE(ours.ok() && hybrid.ok() && int8.ok());
  EXPECT_EQ(Summarize(*ours_file).op_histogram, Summarize(*hybrid_file).op_histogram);

  const std::vector<Param> p_ours = Params(*ours), p_hybrid = Params(*hybrid), p_int8 = Params(*int8);
  ASSERT_EQ(p_ours.size(), 20u);
  ASSERT_EQ(p_hybrid.size(), p_ours.size());
  ASSERT_EQ(p_int8.size(), p_ours.size());
  Result<TfBundle> bundle = TfBundle::Open((saved_model / "variables" / "variables").string());
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  double best_match[2] = {0, 0};  // weights, biases
  for (size_t i = 0; i < p_ours.size(); ++i) {
    const Param& a = p_ours[i];
    SCOPED_TRACE("layer " + std::to_string(a.layer) + (i % 2 ? " bias" : " weights"));
    EXPECT_EQ(a.shape, p_hybrid[i].shape);
    // Ours is the checkpoint, folded.
    const auto folded = FoldedFromCheckpoint(*bundle, a.layer);
    const std::vector<float>& want = i % 2 ? folded.second : folded.first;
    ASSERT_EQ(want.size(), a.v.size());
    EXPECT_LT(RelativeDiff(a.v, want), 1e-5f);
    // The official twins are one set of weights.
    EXPECT_GT(Correlation(p_hybrid[i].v, p_int8[i].v), 0.999);
    // ... which is not ours, in any order.
    if (a.layer == 9 && i % 2 == 1) continue;  // the Dense bias, below
    for (const Param& b : p_hybrid)
      if (b.shape == a.shape) best_match[i % 2] = std::max(best_match[i % 2], std::fabs(Correlation(a.v, b.v)));
  }
  const float dense_bias_diff = RelativeDiff(p_ours.back().v, p_hybrid.back().v);
  std::cout << "kws: best |correlation| of any of our weights (biases) with any official one of the same shape " << best_match[0] << " ("
            << best_match[1] << "); Dense bias: max|ours - official| = " << dense_bias_diff << " of its peak, correlation "
            << Correlation(p_ours.back().v, p_hybrid.back().v) << "\n";
  EXPECT_LT(std::max(best_match[0], best_match[1]), 0.5) << "an official weight matches ours: check whether ../shared now ships the matching checkpoint";
  EXPECT_GT(dense_bias_diff, 0.1f) << "the Dense biases agree now: require the golden tolerance on the outputs";

  // The outputs, for the record: ours and the hybrid model with its weights dequantized.
  const std::vector<float> x = testing::RandomFloats(49 * 10, 7);
  const testing::HostTensor in = testing::MakeHost(tflite::TensorType_FLOAT32, {1, 49, 10, 1}, x);
  ir::Model twin = *hybrid;
  for (ir::Value& v : twin.main().values) {
    if (!v.is_constant() || v.type != tflite::TensorType_INT8) continue;
    std::vector<float> f = Dequantized(twin.main(), ir::Node{}, v);
    std::vector<uint8_t> bytes(f.size() * 4);
    std::memcpy(bytes.data(), f.data(), bytes.size());
    v = ir::Value{.name = v.name, .type = tflite::TensorType_FLOAT32, .shape = v.shape, .data = std::make_shared<const std::vector<uint8_t>>(std::move(bytes))};
  }
  Result<std::vector<testing::HostTensor>> a = testing::RunIr(*ours, {in}), g = testing::RunIr(twin, {in});
  ASSERT_TRUE(a.ok() && g.ok());
  const auto* pa = reinterpret_cast<const float*>((*a)[0].bytes.data());
  const auto* pg = reinterpret_cast<const float*>((*g)[0].bytes.data());
  const std::vector<float> va(pa, pa + 12), vg(pg, pg + 12);
  std::cout << "kws: max|ours - official float twin| = " << RelativeDiff(va, vg) << " of max|official|\n";

  // Our converted file in real TFLite.
  testing::OpCase oracle("kws_converted", ModelBuilder::FromModel(*ours_file), {{tflite::TensorType_FLOAT32, {1, 49, 10, 1}, in.bytes}});
  testing::ExpectMatchesTflite({&oracle}, 1e-4);
}

}  // namespace
}  // namespace litescope
