// The Keras layer converters, one family per file (keras_layers_<family>.cc), and the helpers
// they share. The table that maps class names to them is in keras_layers.cc.
#pragma once

#include <string>
#include <vector>

#include "converter/frontends/keras/keras_layer_context.h"

namespace litescope::keras {

// A [rows, cols] weight transposed to [cols, rows] (Keras kernels are [in, out], TFLite's
// FULLY_CONNECTED weights [out, in]).
std::vector<float> TransposeMatrix(const Weight& w);
// FULLY_CONNECTED over the last axis of `in` (keep_num_dims for rank > 2) with `activation`.
Result<int> FullyConnected(LayerContext& ctx, int in, const std::vector<float>& weights_oi, int units, int in_units,
                           const Weight* bias, const std::string& activation, const std::string& suffix);

// keras_layers_core.cc
Status ConvertDense(LayerContext& ctx);
Status ConvertActivation(LayerContext& ctx);
Status ConvertIdentity(LayerContext& ctx);
Status ConvertReLU(LayerContext& ctx);
Status ConvertLeakyReLU(LayerContext& ctx);
Status ConvertPReLU(LayerContext& ctx);
Status ConvertELU(LayerContext& ctx);
Status ConvertSoftmax(LayerContext& ctx);
Status ConvertFlatten(LayerContext& ctx);
Status ConvertReshape(LayerContext& ctx);
Status ConvertPermute(LayerContext& ctx);
Status ConvertEmbedding(LayerContext& ctx);
Status ConvertRescaling(LayerContext& ctx);
Status ConvertNormalization(LayerContext& ctx);

// keras_layers_conv.cc
Status ConvertConv1D(LayerContext& ctx);
Status ConvertConv2D(LayerContext& ctx);
Status ConvertDepthwiseConv2D(LayerContext& ctx);
Status ConvertSeparableConv2D(LayerContext& ctx);
Status ConvertConv2DTranspose(LayerContext& ctx);

// keras_layers_reshaping.cc
Status ConvertZeroPadding2D(LayerContext& ctx);
Status ConvertCropping2D(LayerContext& ctx);
Status ConvertUpSampling2D(LayerContext& ctx);

// keras_layers_pooling.cc
Status ConvertMaxPooling1D(LayerContext& ctx);
Status ConvertAveragePooling1D(LayerContext& ctx);
Status ConvertMaxPooling2D(LayerContext& ctx);
Status ConvertAveragePooling2D(LayerContext& ctx);
Status ConvertGlobalAveragePooling(LayerContext& ctx);  // 1D and 2D
Status ConvertGlobalMaxPooling(LayerContext& ctx);      // 1D and 2D

// keras_layers_merge.cc
Status ConvertAdd(LayerContext& ctx);
Status ConvertSubtract(LayerContext& ctx);
Status ConvertMultiply(LayerContext& ctx);
Status ConvertAverage(LayerContext& ctx);
Status ConvertMaximum(LayerContext& ctx);
Status ConvertMinimum(LayerContext& ctx);
Status ConvertConcatenate(LayerContext& ctx);

// keras_layers_normalization.cc
Status ConvertBatchNormalization(LayerContext& ctx);
Status ConvertLayerNormalization(LayerContext& ctx);

// keras_layers_recurrent.cc
Status ConvertLSTM(LayerContext& ctx);
Status ConvertGRU(LayerContext& ctx);

}  // namespace litescope::keras
