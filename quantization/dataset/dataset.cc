// Dataset: opening (input specs, preprocessing, random data) and feeding samples. Reading files
// into samples is dataset_files.cc.
#include "quantization/dataset/dataset.h"

#include <random>

#include "engine/runtime/random_input.h"
#include "quantization/dataset/dataset_state.h"
#include "quantization/dataset/real_values.h"

namespace litescope {
namespace {

// The real-valued range random data covers for input k: the spec's, else [-1, 1] for float
// inputs and the representable range for quantized ones; nullopt for inputs of plain integers.
std::optional<std::pair<float, float>> RandomRange(const Dataset::State& s, size_t k) {
  const InputSpec& in = s.inputs[k];
  if (in.type == tflite::TensorType_FLOAT32) return k < s.random_ranges.size() ? s.random_ranges[k] : std::pair{-1.0f, 1.0f};
  return RepresentableRange(in.type, in.quant);
}

Status FillRandomSample(const Dataset::State& s, int i, Interpreter& it) {
  std::seed_seq seq{s.seed, static_cast<uint32_t>(i)};
  std::mt19937 rng(seq);
  for (size_t k = 0; k < s.inputs.size(); ++k) {
    Tensor& t = *it.input(static_cast<int>(k));
    const std::optional<std::pair<float, float>> range = RandomRange(s, k);
    if (!range) {
      FillRandom(t, rng);
      continue;
    }
    std::uniform_real_distribution<float> d(range->first, range->second);
    std::vector<float> values(static_cast<size_t>(t.elements()));
    for (float& v : values) v = d(rng);
    LITESCOPE_RETURN_IF_ERROR(WriteReals(values, t));
  }
  return Status::Ok();
}

}  // namespace

Dataset::Dataset(std::unique_ptr<State> state) : state_(std::move(state)) {}
Dataset::Dataset(Dataset&&) noexcept = default;
Dataset& Dataset::operator=(Dataset&&) noexcept = default;
Dataset::~Dataset() = default;

Result<Dataset> Dataset::Open(const DatasetSpec& spec, Interpreter& model) {
  auto state = std::make_unique<State>();
  State& s = *state;
  if (spec.samples < 1) return InvalidArgument("a dataset needs at least 1 sample, " + std::to_string(spec.samples) + " asked");
  if (model.input_count() < 1) return InvalidArgument("the model has no input to feed a dataset to");
  for (int i = 0; i < model.input_count(); ++i) s.inputs.push_back(InputSpec::Of(*model.input(i)));
  s.seed = spec.seed;
  s.random_ranges = spec.random_ranges;
  s.notes.requested = spec.samples;
  if (!spec.preprocess.empty()) {
    Result<Preprocess> p = ParsePreprocess(spec.preprocess);
    if (!p.ok()) return p.status();
    s.preprocess = *p;
    s.preprocess_spec = spec.preprocess;
  } else if (s.inputs[0].type == tflite::TensorType_FLOAT32) {
    // Given explicitly, so that a quantized twin receives these same real values, quantized.
    s.preprocess.given = true;
    s.preprocess_spec = "range=-1:1";
  }
  if (spec.paths.empty()) {
    s.notes.random = true;
    for (int i = 0; i < spec.samples; ++i) s.samples.push_back({"random #" + std::to_string(i), -1, {}, {}});
    s.notes.used = spec.samples;
    s.notes.warnings.push_back("NO DATA GIVEN: " + std::to_string(spec.samples) +
                               " random inputs (uniform over each input's range, seed " + std::to_string(spec.seed) +
                               "). Errors on random data say little about errors on real data; accuracy cannot be measured.");
    return Dataset(std::move(state));
  }
  LITESCOPE_RETURN_IF_ERROR(CollectSamples(spec, s));
  return Dataset(std::move(state));
}

int Dataset::size() const { return static_cast<int>(state_->samples.size()); }

Status Dataset::Fill(int i, Interpreter& it) const {
  const State& s = *state_;
  if (i < 0 || i >= size()) return InvalidArgument("sample " + std::to_string(i) + " of a dataset of " + std::to_string(size()));
  if (it.input_count() != static_cast<int>(s.inputs.size())) {
    return InvalidArgument("the dataset was opened for a model with " + std::to_string(s.inputs.size()) +
                           " inputs, this one has " + std::to_string(it.input_count()));
  }
  for (size_t k = 0; k < s.inputs.size(); ++k) {
    const Tensor& t = *it.input(static_cast<int>(k));
    if (t.shape != s.inputs[k].shape) {
      return InvalidArgument("input " + std::to_string(k) + " ('" + t.name + "') is " + ShapeString(t.shape) +
                             ", the dataset was opened for " + ShapeString(s.inputs[k].shape));
    }
  }
  if (s.notes.random) return FillRandomSample(s, i, it);
  const DatasetSample& sample = s.samples[static_cast<size_t>(i)];
  if (sample.image.channels > 0) return FillFromImage(sample.image, s.preprocess, *it.input(0)).WithContext(sample.name);
  for (size_t k = 0; k < sample.arrays.size(); ++k) {
    LITESCOPE_RETURN_IF_ERROR(WriteArray(sample.arrays[k], s.inputs[k], *it.input(static_cast<int>(k))).WithContext(sample.name));
  }
  return Status::Ok();
}

const std::string& Dataset::name(int i) const {
  static const std::string kNone;
  if (i < 0 || i >= size()) return kNone;
  return state_->samples[static_cast<size_t>(i)].name;
}

int Dataset::label(int i) const {
  if (i < 0 || i >= size()) return -1;
  return state_->samples[static_cast<size_t>(i)].label;
}

const DatasetNotes& Dataset::notes() const { return state_->notes; }

std::string Dataset::preprocess() const {
  for (const DatasetSample& s : state_->samples) {
    if (s.image.channels > 0) return state_->preprocess_spec;
  }
  return "";
}

}  // namespace litescope
