// The layer table: every Keras layer class the front end converts, and its converter. One line
// per class; InputLayer and nested models (Functional, Model, Sequential) are handled by the
// model walker (keras_model.cc), Lambda and unknown classes are errors (or CUSTOM ops).
#include <array>
#include <utility>

#include "converter/frontends/keras/keras_layers.h"

namespace litescope::keras {
namespace {

constexpr std::array kLayers = {
    std::pair<std::string_view, LayerConverter>{"Activation", ConvertActivation},
    std::pair<std::string_view, LayerConverter>{"ActivityRegularization", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"Add", ConvertAdd},
    std::pair<std::string_view, LayerConverter>{"AlphaDropout", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"Average", ConvertAverage},
    std::pair<std::string_view, LayerConverter>{"AveragePooling1D", ConvertAveragePooling1D},
    std::pair<std::string_view, LayerConverter>{"AveragePooling2D", ConvertAveragePooling2D},
    std::pair<std::string_view, LayerConverter>{"AvgPool1D", ConvertAveragePooling1D},
    std::pair<std::string_view, LayerConverter>{"AvgPool2D", ConvertAveragePooling2D},
    std::pair<std::string_view, LayerConverter>{"BatchNormalization", ConvertBatchNormalization},
    std::pair<std::string_view, LayerConverter>{"Concatenate", ConvertConcatenate},
    std::pair<std::string_view, LayerConverter>{"Conv1D", ConvertConv1D},
    std::pair<std::string_view, LayerConverter>{"Conv2D", ConvertConv2D},
    std::pair<std::string_view, LayerConverter>{"Conv2DTranspose", ConvertConv2DTranspose},
    std::pair<std::string_view, LayerConverter>{"Convolution1D", ConvertConv1D},
    std::pair<std::string_view, LayerConverter>{"Convolution2D", ConvertConv2D},
    std::pair<std::string_view, LayerConverter>{"Cropping2D", ConvertCropping2D},
    std::pair<std::string_view, LayerConverter>{"Dense", ConvertDense},
    std::pair<std::string_view, LayerConverter>{"DepthwiseConv2D", ConvertDepthwiseConv2D},
    std::pair<std::string_view, LayerConverter>{"Dropout", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"ELU", ConvertELU},
    std::pair<std::string_view, LayerConverter>{"Embedding", ConvertEmbedding},
    std::pair<std::string_view, LayerConverter>{"Flatten", ConvertFlatten},
    std::pair<std::string_view, LayerConverter>{"GRU", ConvertGRU},
    std::pair<std::string_view, LayerConverter>{"GaussianDropout", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"GaussianNoise", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"GlobalAveragePooling1D", ConvertGlobalAveragePooling},
    std::pair<std::string_view, LayerConverter>{"GlobalAveragePooling2D", ConvertGlobalAveragePooling},
    std::pair<std::string_view, LayerConverter>{"GlobalAvgPool1D", ConvertGlobalAveragePooling},
    std::pair<std::string_view, LayerConverter>{"GlobalAvgPool2D", ConvertGlobalAveragePooling},
    std::pair<std::string_view, LayerConverter>{"GlobalMaxPool1D", ConvertGlobalMaxPooling},
    std::pair<std::string_view, LayerConverter>{"GlobalMaxPool2D", ConvertGlobalMaxPooling},
    std::pair<std::string_view, LayerConverter>{"GlobalMaxPooling1D", ConvertGlobalMaxPooling},
    std::pair<std::string_view, LayerConverter>{"GlobalMaxPooling2D", ConvertGlobalMaxPooling},
    std::pair<std::string_view, LayerConverter>{"Identity", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"LSTM", ConvertLSTM},
    std::pair<std::string_view, LayerConverter>{"LayerNormalization", ConvertLayerNormalization},
    std::pair<std::string_view, LayerConverter>{"LeakyReLU", ConvertLeakyReLU},
    std::pair<std::string_view, LayerConverter>{"MaxPool1D", ConvertMaxPooling1D},
    std::pair<std::string_view, LayerConverter>{"MaxPool2D", ConvertMaxPooling2D},
    std::pair<std::string_view, LayerConverter>{"MaxPooling1D", ConvertMaxPooling1D},
    std::pair<std::string_view, LayerConverter>{"MaxPooling2D", ConvertMaxPooling2D},
    std::pair<std::string_view, LayerConverter>{"Maximum", ConvertMaximum},
    std::pair<std::string_view, LayerConverter>{"Minimum", ConvertMinimum},
    std::pair<std::string_view, LayerConverter>{"Multiply", ConvertMultiply},
    std::pair<std::string_view, LayerConverter>{"Normalization", ConvertNormalization},
    std::pair<std::string_view, LayerConverter>{"PReLU", ConvertPReLU},
    std::pair<std::string_view, LayerConverter>{"Permute", ConvertPermute},
    std::pair<std::string_view, LayerConverter>{"ReLU", ConvertReLU},
    std::pair<std::string_view, LayerConverter>{"Rescaling", ConvertRescaling},
    std::pair<std::string_view, LayerConverter>{"Reshape", ConvertReshape},
    std::pair<std::string_view, LayerConverter>{"SeparableConv2D", ConvertSeparableConv2D},
    std::pair<std::string_view, LayerConverter>{"SeparableConvolution2D", ConvertSeparableConv2D},
    std::pair<std::string_view, LayerConverter>{"Softmax", ConvertSoftmax},
    std::pair<std::string_view, LayerConverter>{"SpatialDropout1D", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"SpatialDropout2D", ConvertIdentity},
    std::pair<std::string_view, LayerConverter>{"Subtract", ConvertSubtract},
    std::pair<std::string_view, LayerConverter>{"UpSampling2D", ConvertUpSampling2D},
    std::pair<std::string_view, LayerConverter>{"ZeroPadding2D", ConvertZeroPadding2D},
};

}  // namespace

LayerConverter FindLayerConverter(std::string_view class_name) {
  for (const auto& [name, converter] : kLayers)
    if (name == class_name) return converter;
  return nullptr;
}

std::vector<std::string_view> SupportedLayerClasses() {
  std::vector<std::string_view> out;
  for (const auto& entry : kLayers) out.push_back(entry.first);
  return out;
}

}  // namespace litescope::keras
