package io.hftbus.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Draws latency-by-percentile curves, one panel per publish rate, in the usual HdrHistogram
 * layout: the x axis is {@code 1 / (1 - percentile)} on a log scale (50%, 90%, 99%, 99.9%...), the
 * y axis latency in microseconds, also logarithmic. Plain {@code java.awt}, headless.
 */
final class PercentilePlot {

    /**
     * One curve: latency in microseconds by percentile (0 to 100), in increasing percentile order.
     */
    record Curve(String label, double[] percentiles, double[] micros, Color color, boolean dashed) {

        /** The curve of a histogram of nanoseconds, at HdrHistogram's usual five ticks per half distance. */
        static Curve of(String label, Histogram histogram, Color color, boolean dashed) {
            List<double[]> points = new ArrayList<>();
            for (HistogramIterationValue value : histogram.percentiles(5)) {
                points.add(new double[] {value.getPercentileLevelIteratedTo(), value.getValueIteratedTo() / 1000.0});
            }
            double[] percentiles = new double[points.size()];
            double[] micros = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                percentiles[i] = points.get(i)[0];
                micros[i] = points.get(i)[1];
            }
            return new Curve(label, percentiles, micros, color, dashed);
        }
    }

    /** One panel: a title and its curves. */
    record Panel(String title, List<Curve> curves) {
    }

    private static final int PANEL_WIDTH = 720;
    private static final int HEIGHT = 560;
    private static final int LEFT = 70;
    private static final int RIGHT = 40;
    private static final int TOP = 40;
    private static final int BOTTOM = 190;
    /** Up to 99.999%. */
    private static final double MAX_NINES = 5;

    private PercentilePlot() {
    }

    static void write(List<Panel> panels, String caption, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), i * PANEL_WIDTH);
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(caption, LEFT, HEIGHT - 8);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void drawPanel(Graphics2D g, Panel panel, int x0) {
        int plotWidth = PANEL_WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double minLog = Double.MAX_VALUE;
        double maxLog = -Double.MAX_VALUE;
        for (Curve curve : panel.curves()) {
            for (double micros : curve.micros()) {
                minLog = Math.min(minLog, Math.log10(Math.max(0.01, micros)));
                maxLog = Math.max(maxLog, Math.log10(Math.max(0.01, micros)));
            }
        }
        if (minLog > maxLog) {
            minLog = 0;
            maxLog = 1;
        }
        double low = Math.floor(minLog);
        double high = Math.max(low + 1, Math.ceil(maxLog));

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), x0 + LEFT, TOP - 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();

        // Grid and axes.
        for (double decade = low; decade <= high + 1e-9; decade++) {
            int y = TOP + plotHeight - (int) Math.round((decade - low) / (high - low) * plotHeight);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x0 + LEFT, y, x0 + LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = formatMicros(Math.pow(10, decade));
            g.drawString(label, x0 + LEFT - 6 - metrics.stringWidth(label), y + 4);
        }
        String[] percentiles = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int nines = 0; nines <= MAX_NINES; nines++) {
            int x = x0 + LEFT + (int) Math.round(nines / MAX_NINES * plotWidth);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, TOP, x, TOP + plotHeight);
            g.setColor(Color.DARK_GRAY);
            String label = percentiles[nines];
            g.drawString(label, x - metrics.stringWidth(label) / 2, TOP + plotHeight + 16);
        }
        g.drawRect(x0 + LEFT, TOP, plotWidth, plotHeight);
        g.drawString("percentile", x0 + LEFT + plotWidth / 2 - 25, TOP + plotHeight + 32);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("latency (µs)", -(TOP + plotHeight / 2 + 30), x0 + 14);
        rotated.dispose();

        // Curves.
        Stroke solid = new BasicStroke(2f);
        Stroke dashed = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);
        int legendY = TOP + plotHeight + 52;
        int legendColumn = 0;
        for (Curve curve : panel.curves()) {
            Path2D.Double path = new Path2D.Double();
            boolean first = true;
            for (int i = 0; i < curve.percentiles().length; i++) {
                double percentile = curve.percentiles()[i] / 100.0;
                double nines = percentile >= 1.0 ? MAX_NINES : Math.min(MAX_NINES, Math.log10(1.0 / (1.0 - percentile)));
                double micros = Math.max(0.01, curve.micros()[i]);
                double x = x0 + LEFT + nines / MAX_NINES * plotWidth;
                double y = TOP + plotHeight - (Math.log10(micros) - low) / (high - low) * plotHeight;
                if (first) {
                    path.moveTo(x, y);
                    first = false;
                } else {
                    path.lineTo(x, y);
                }
                if (nines >= MAX_NINES) {
                    break;
                }
            }
            g.setColor(curve.color());
            g.setStroke(curve.dashed() ? dashed : solid);
            g.draw(path);
            int lx = x0 + LEFT + legendColumn * (plotWidth / 2);
            g.drawLine(lx, legendY - 4, lx + 24, legendY - 4);
            g.setStroke(solid);
            g.setColor(Color.BLACK);
            g.drawString(curve.label(), lx + 30, legendY);
            legendColumn++;
            if (legendColumn == 2) {
                legendColumn = 0;
                legendY += 16;
            }
        }
        g.setStroke(solid);
    }

    private static String formatMicros(double micros) {
        if (micros >= 1000) {
            return String.format(Locale.ROOT, "%.0f ms", micros / 1000);
        }
        if (micros >= 1) {
            return String.format(Locale.ROOT, "%.0f µs", micros);
        }
        return String.format(Locale.ROOT, "%.2f µs", micros);
    }
}
