#include "app/core/graph_export.h"

#include <QImage>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

namespace litescope {
namespace {

constexpr double kLegendWidth = 220;
constexpr double kLegendHeight = 58;

void PaintPage(QPainter& p, const GraphScene& scene, const PaintState& state) {
  p.fillRect(scene.bounds(), Qt::white);
  PaintGraph(p, scene, state, scene.bounds(), /*zoom=*/1.0);
  if (state.overlay != nullptr) PaintOverlayLegend(p, *state.overlay, {8, 8});
}

}  // namespace

void PaintOverlayLegend(QPainter& p, const Overlay& overlay, QPointF at) {
  p.save();
  const QRectF box(at, QSizeF(kLegendWidth, kLegendHeight));
  p.setPen(QColor(0xc8, 0xc8, 0xc8));
  p.setBrush(QColor(255, 255, 255, 235));
  p.drawRoundedRect(box, 4, 4);
  p.setFont(LineFont());
  p.setPen(QColor(0x22, 0x22, 0x22));
  QString title = QString::fromStdString(overlay.title);
  if (!overlay.unit.empty()) title += QStringLiteral(" (%1)").arg(QString::fromStdString(overlay.unit));
  p.drawText(box.adjusted(8, 4, -8, 0), Qt::AlignLeft | Qt::AlignTop,
             p.fontMetrics().elidedText(title, Qt::ElideRight, static_cast<int>(kLegendWidth - 16)));
  const QRectF bar(box.left() + 8, box.top() + 22, kLegendWidth - 16, 12);
  QLinearGradient g(bar.topLeft(), bar.topRight());
  for (double t = 0; t <= 1.0001; t += 0.125) g.setColorAt(std::min(t, 1.0), OverlayColour(t));
  p.fillRect(bar, g);
  const QRectF labels(bar.left(), bar.bottom() + 2, bar.width(), 14);
  p.drawText(labels, Qt::AlignLeft | Qt::AlignTop, QString::number(overlay.min, 'g', 4));
  p.drawText(labels, Qt::AlignRight | Qt::AlignTop, QString::number(overlay.max, 'g', 4));
  p.restore();
}

Status ExportGraph(const GraphScene& scene, const PaintState& state, const std::string& path) {
  const QString file = QString::fromStdString(path);
  const QString lower = file.toLower();
  const bool svg = lower.endsWith(".svg");
  if (!svg && !lower.endsWith(".png")) return InvalidArgument("cannot export to " + path + ": the name must end in .svg or .png");
  QSaveFile out(file);
  if (!out.open(QIODevice::WriteOnly)) return IoError("cannot write " + path + ": " + out.errorString().toStdString());
  const QRectF bounds = scene.bounds();
  if (svg) {
    QSvgGenerator generator;
    generator.setOutputDevice(&out);
    generator.setSize(bounds.size().toSize());
    generator.setViewBox(bounds);
    generator.setTitle(QStringLiteral("Litescope graph"));
    QPainter p(&generator);
    PaintPage(p, scene, state);
  } else {
    const double scale = std::min(1.0, kMaxPngSide / std::max(bounds.width(), bounds.height()));
    QImage image(std::max(1, static_cast<int>(std::ceil(bounds.width() * scale))),
                 std::max(1, static_cast<int>(std::ceil(bounds.height() * scale))), QImage::Format_RGB32);
    if (image.isNull()) return IoError("cannot export " + path + ": not enough memory for the image");
    QPainter p(&image);
    p.scale(scale, scale);
    PaintPage(p, scene, state);
    p.end();
    if (!image.save(&out, "PNG")) return IoError("cannot encode " + path + " as PNG");
  }
  if (!out.commit()) return IoError("cannot write " + path + ": " + out.errorString().toStdString());
  return Status::Ok();
}

}  // namespace litescope
