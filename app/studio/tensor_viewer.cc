#include "app/studio/tensor_viewer.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "app/core/tensor_values_model.h"
#include "engine/model/npy.h"
#include "engine/model/summary.h"
#include "engine/model/tensor_type.h"

namespace litescope {
namespace {

// Per-channel min/max of the real values and the channel scales, on two axes.
QCustomPlot* ChannelPlot(const TensorView& t, const std::vector<double>& real, QWidget* parent) {
  const QuantizationView q = t.quantization();
  const std::vector<int32_t> shape(t.shape().begin(), t.shape().end());
  const std::vector<ChannelRange> ranges = ChannelRanges(real, shape, q.quantized_dimension);
  auto* plot = new QCustomPlot(parent);
  QVector<double> x, lo, hi, scale;
  for (size_t c = 0; c < ranges.size(); ++c) {
    x << static_cast<double>(c);
    lo << ranges[c].min;
    hi << ranges[c].max;
    scale << (c < q.scale.size() ? static_cast<double>(q.scale[c]) : 0.0);
  }
  auto add = [&](QCPAxis* value_axis, const QVector<double>& y, const QColor& colour, const QString& name) {
    QCPGraph* g = plot->addGraph(plot->xAxis, value_axis);
    g->setData(x, y);
    g->setPen(QPen(colour, 1.4));
    g->setName(name);
  };
  add(plot->yAxis, hi, QColor(0x33, 0x5c, 0x81), QObject::tr("max"));
  add(plot->yAxis, lo, QColor(0x8c, 0x3a, 0x3a), QObject::tr("min"));
  plot->yAxis2->setVisible(true);
  add(plot->yAxis2, scale, QColor(0x2e, 0x6b, 0x4f), QObject::tr("scale"));
  plot->xAxis->setLabel(QObject::tr("channel (axis %1)").arg(q.quantized_dimension));
  plot->yAxis->setLabel(QObject::tr("real value"));
  plot->yAxis2->setLabel(QObject::tr("scale"));
  plot->legend->setVisible(true);
  plot->rescaleAxes();
  plot->setMinimumHeight(180);
  return plot;
}

}  // namespace

TensorViewer::TensorViewer(const TensorView& tensor, QWidget* parent) : QDialog(parent), tensor_(tensor) {
  setWindowTitle(tr("Tensor %1 — %2").arg(tensor.index()).arg(QString::fromUtf8(tensor.name().data(), static_cast<qsizetype>(tensor.name().size()))));
  resize(860, 720);
  quantized_ = !tensor.quantization().scale.empty();
  Result<TensorValues> raw = DecodeTensor(tensor, false);
  Result<TensorValues> real = DecodeTensor(tensor, true);
  if (raw.ok()) raw_ = std::move(raw).value();
  if (real.ok()) real_ = std::move(real).value();

  auto* layout = new QVBoxLayout(this);
  const std::vector<int32_t> shape(tensor.shape().begin(), tensor.shape().end());
  auto* header = new QLabel(tr("<b>%1</b> · %2 · %3 elements")
                                .arg(QString::fromStdString(ShapeText(shape)), QString::fromStdString(TensorTypeName(tensor.type())))
                                .arg(real_.values.size()));
  layout->addWidget(header);
  stats_ = new QLabel;
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(stats_);
  auto* controls = new QHBoxLayout;
  raw_box_ = new QCheckBox(tr("Stored integers instead of real values"));
  raw_box_->setEnabled(quantized_);
  controls->addWidget(raw_box_);
  controls->addStretch();
  auto* save = new QPushButton(tr("Save as .npy…"));
  controls->addWidget(save);
  layout->addLayout(controls);
  plot_ = new QCustomPlot;
  plot_->setMinimumHeight(220);
  layout->addWidget(plot_, 2);
  if (tensor.quantization().per_channel()) layout->addWidget(ChannelPlot(tensor, real_.values, this), 2);
  table_ = new QTableView;
  table_->setModel(new TensorValuesModel(shape, real_.values, quantized_ ? raw_.values : std::vector<double>{}, table_));
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  layout->addWidget(table_, 3);

  connect(raw_box_, &QCheckBox::toggled, this, [this](bool) { Refresh(); });
  connect(save, &QPushButton::clicked, this, &TensorViewer::SaveNpy);
  Refresh();
}

void TensorViewer::ShowRaw(bool raw) { raw_box_->setChecked(raw && quantized_); }

void TensorViewer::Refresh() {
  const std::vector<double>& values = raw_box_->isChecked() ? raw_.values : real_.values;
  const TensorStats s = ComputeStats(values);
  stats_->setText(tr("min %1 · max %2 · mean %3 · std %4 · zeros %5 % · NaN %6 · Inf %7")
                      .arg(s.min, 0, 'g', 6)
                      .arg(s.max, 0, 'g', 6)
                      .arg(s.mean, 0, 'g', 6)
                      .arg(s.stddev, 0, 'g', 6)
                      .arg(100 * s.sparsity, 0, 'f', 2)
                      .arg(s.nan)
                      .arg(s.inf));
  histogram_ = ComputeHistogram(values, kBins);
  plot_->clearPlottables();
  auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
  const double width = (histogram_.high - histogram_.low) / static_cast<double>(histogram_.counts.size());
  QVector<double> x, y;
  for (size_t i = 0; i < histogram_.counts.size(); ++i) {
    x << histogram_.low + (static_cast<double>(i) + 0.5) * width;
    y << static_cast<double>(histogram_.counts[i]);
  }
  bars->setData(x, y);
  bars->setWidth(width);
  bars->setPen(Qt::NoPen);
  bars->setBrush(QColor(0x33, 0x5c, 0x81));
  plot_->xAxis->setLabel(raw_box_->isChecked() ? tr("stored value") : tr("real value"));
  plot_->yAxis->setLabel(tr("count"));
  plot_->rescaleAxes();
  plot_->yAxis->setRangeLower(0);
  plot_->replot();
}

void TensorViewer::SaveNpy() {
  const QString file = QFileDialog::getSaveFileName(this, tr("Save tensor"), QStringLiteral("tensor_%1.npy").arg(tensor_.index()),
                                                    tr("NumPy arrays (*.npy)"));
  if (file.isEmpty()) return;
  NpyArray a;
  a.type = tensor_.type();
  a.shape.assign(tensor_.shape().begin(), tensor_.shape().end());
  a.data.assign(tensor_.data().begin(), tensor_.data().end());
  if (Status s = WriteNpy(file.toStdString(), a); !s.ok()) QMessageBox::warning(this, tr("Save tensor"), QString::fromStdString(s.message()));
}

}  // namespace litescope
