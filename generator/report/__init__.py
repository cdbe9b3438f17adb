"""The Coordinators' 8MSP progress report: indicators computed from the records, one document
model, written as a site page (Markdown) and as a Word file."""
