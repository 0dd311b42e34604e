/// Report tables, SVG charts and the HTML report.
enum ReportsModule {}
