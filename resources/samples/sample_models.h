// Sample models built with our own ModelBuilder: the bundled sample of the quick start, and
// synthetic models for tests and benchmarks. Deterministic: the same call gives the same bytes.
//
//   ModelBuilder b = SampleClassifier();
//   Status s = b.WriteFile("sample.tflite");
#pragma once

#include "engine/model/model_builder.h"

namespace litescope {

// A small float image classifier: 1x32x32x3 -> CONV_2D 3x3 (8, ReLU) -> DEPTHWISE_CONV_2D 3x3
// (ReLU6) -> MAX_POOL_2D 2x2 -> CONV_2D 1x1 (16) -> MEAN -> FULLY_CONNECTED (10) -> SOFTMAX,
// with a serving_default signature, a description and min_runtime_version metadata.
ModelBuilder SampleClassifier();

// A deep residual net with branches, for graph-view tests and layout benchmarks: `blocks` blocks
// of 7 operators (x -> CONV_2D -> DEPTHWISE_CONV_2D -> CONV_2D, beside x -> CONV_2D; ADD the two
// branches, ADD the skip from x, RELU) on 1x8x8x8 float tensors; 7 * blocks operators in all.
ModelBuilder SampleResidualNet(int blocks);

}  // namespace litescope
