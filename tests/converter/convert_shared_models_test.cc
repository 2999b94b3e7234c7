// The whole conversion (Convert(): import, passes, check, write) on real models made by other
// tools: the ONNX MobileNetV1 of ../shared/bench against ONNX Runtime's and real TFLite's outputs
// and the official .tflite of the same weights, and the two Keras models against their official
// TFLite conversions (../shared/models/README.md, "Pairs"). Prints the TRANSPOSE and op counts.
#include <gtest/gtest.h>

#include <cmath>

#include "converter/convert.h"
#include "engine/model/npy.h"
#include "engine/model/summary.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"
#include "engine/runtime/random_input.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

std::vector<float> RunOn(const Model& m, const std::vector<float>& input) {
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(m, BuiltinOps());
  EXPECT_TRUE(it.ok()) << it.status().message();
  if (!it.ok()) return {};
  EXPECT_EQ((*it)->input(0)->bytes(), input.size() * 4);
  std::memcpy((*it)->input(0)->raw(), input.data(), input.size() * 4);
  EXPECT_TRUE((*it)->Invoke().ok());
  const Tensor& out = *(*it)->output(0);
  return std::vector<float>(out.data<float>(), out.data<float>() + out.elements());
}

std::vector<float> Floats(const NpyArray& a) {
  std::vector<float> v(a.data.size() / 4);
  std::memcpy(v.data(), a.data.data(), a.data.size());
  return v;
}

// max |a - b| <= 1e-4 * max |b| (the golden README's float rule).
void ExpectClose(const std::vector<float>& a, const std::vector<float>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  double worst = 0, scale = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    worst = std::max(worst, std::fabs(double{a[i]} - b[i]));
    scale = std::max(scale, std::fabs(double{b[i]}));
  }
  std::printf("  %s: max |difference| %.3g (max |value| %.3g)\n", what.c_str(), worst, scale);
  EXPECT_LE(worst, 1e-4 * scale) << what;
}

struct Converted {
  ConvertResult result;
  std::unique_ptr<Model> model;
  fs::path path;
};

Converted ConvertOrFail(const fs::path& source, const std::string& name) {
  Converted c;
  const fs::path out = testing::TempDir("convert_" + name) / (name + ".tflite");
  c.path = out;
  ConvertOptions options;
  options.check = true;
  Result<ConvertResult> r = Convert(source.string(), out.string(), options);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return c;
  c.result = std::move(r).value();
  EXPECT_TRUE(c.result.check && c.result.check->ok) << (c.result.check ? c.result.check->summary : "no check");
  c.model = testing::LoadOrFail(out.string());
  std::printf("  %s: %zu source ops -> %d TFLite ops, %d TRANSPOSE\n", name.c_str(), c.result.report.ops.size(),
              c.result.report.tflite_ops, c.result.report.transposes);
  return c;
}

TEST(ConvertSharedModels, OnnxMobileNetV1MatchesOnnxRuntimeAndTheOfficialTflite) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path bench = *testing::SharedDir() / "bench";
  Converted c = ConvertOrFail(bench / "mobilenet_v1_f32.onnx", "mobilenet_v1");
  ASSERT_NE(c.model, nullptr);
  EXPECT_EQ(c.result.report.transposes, 0);
  std::unique_ptr<Model> official = testing::LoadOrFail((bench / "mobilenet_v1_f32.tflite").string());
  EXPECT_LE(c.model->subgraph(0).operator_count(), official->subgraph(0).operator_count());
  // NHWC input like the official model; the golden input is NHWC, ORT's output came from its NCHW twin.
  Result<NpyArray> input = ReadNpy((bench / "golden" / "input_0.npy").string());
  Result<NpyArray> ort = ReadNpy((bench / "golden" / "ort" / "output_0.npy").string());
  ASSERT_TRUE(input.ok() && ort.ok());
  const std::vector<float> ours = RunOn(*c.model, Floats(*input));
  ExpectClose(ours, Floats(*ort), "converted vs ONNX Runtime");
  ExpectClose(ours, RunOn(*official, Floats(*input)), "converted vs the official .tflite");

  std::optional<fs::path> script = testing::TfliteOracleScript();
  if (!script) GTEST_SKIP() << "Node.js or the TFLite oracle is not set up: the converted model was not run in real TFLite";
  const fs::path dir = testing::TempDir("convert_shared_oracle");
  ASSERT_TRUE(WriteNpy((dir / "input_0.npy").string(), *input).ok());
  const std::string cmd = "node " + script->string() + " " + c.path.string() + " --inputs " + (dir / "input_0.npy").string() +
                          " --outdir " + (dir / "tflite").string() + " > " + (dir / "log.txt").string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "real TFLite failed on the converted model: see " << (dir / "log.txt");
  Result<NpyArray> tflite = ReadNpy((dir / "tflite" / "output_0.npy").string());
  ASSERT_TRUE(tflite.ok()) << tflite.status().message();
  ExpectClose(Floats(*tflite), Floats(*ort), "converted model in real TFLite vs ONNX Runtime");
}

TEST(ConvertSharedModels, KerasPairsHaveTheOfficialOpCounts) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path models = *testing::SharedDir() / "models";
  struct Pair {
    const char* h5;
    const char* official;
  };
  for (const Pair& p : {Pair{"keras/ad01.h5", "tflite/tiny/anomaly_detection/ad01_fp32.tflite"},
                        Pair{"keras/pretrainedResnet.h5", "tflite/tiny/image_classification/pretrainedResnet.tflite"}}) {
    Converted c = ConvertOrFail(models / p.h5, fs::path(p.h5).stem().string());
    ASSERT_NE(c.model, nullptr) << p.h5;
    std::unique_ptr<Model> official = testing::LoadOrFail((models / p.official).string());
    // Batch norms fold into the layers before them and activations fuse: the same ops as TFLite's converter.
    EXPECT_EQ(Summarize(*c.model).op_histogram, Summarize(*official).op_histogram) << p.h5;
    EXPECT_EQ(c.result.report.transposes, 0);
    // ad01's official conversion dropped the Dense biases the .h5 holds (see the Keras front-end
    // test); pretrainedResnet must compute what the official model computes.
    if (std::string(p.h5) != "keras/pretrainedResnet.h5") continue;
    std::vector<float> input(32 * 32 * 3);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1, 1);
    for (float& v : input) v = u(rng);
    ExpectClose(RunOn(*c.model, input), RunOn(*official, input), "pretrainedResnet converted vs official");
  }
}

}  // namespace
}  // namespace litescope
