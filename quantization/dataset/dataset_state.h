// Inside Dataset (not a public header): what Open() prepared and Fill() copies from.
#pragma once

#include <string>
#include <vector>

#include "quantization/dataset/array_input.h"
#include "quantization/dataset/dataset.h"
#include "quantization/dataset/image.h"
#include "quantization/dataset/image_input.h"

namespace litescope {

struct DatasetSample {
  std::string name;
  int label = -1;
  Image image;                  // an image sample, already at the input's size (channels > 0)
  std::vector<NpyArray> arrays;  // an array sample: one per input
};

struct Dataset::State {
  std::vector<InputSpec> inputs;
  Preprocess preprocess;
  std::string preprocess_spec;
  uint32_t seed = 1;
  std::vector<std::pair<float, float>> random_ranges;
  std::vector<DatasetSample> samples;  // names only with random data
  DatasetNotes notes;
};

// Reads spec.paths into state.samples (chosen by spec.seed when more than spec.samples are
// available) and fills the notes; errors for missing paths, bad options and no usable sample.
Status CollectSamples(const DatasetSpec& spec, Dataset::State& state);

}  // namespace litescope
