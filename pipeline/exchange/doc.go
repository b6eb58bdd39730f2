// Package exchange is the stage that takes catalogs to and from CAT tools:
// export writes a locale's units as one XLIFF 1.2 or PO file, import
// merges such a file back (three-way, against the export it came from),
// checks each unit and writes the catalogs. The file formats are the pure
// codecs po and xliff below it.
package exchange
