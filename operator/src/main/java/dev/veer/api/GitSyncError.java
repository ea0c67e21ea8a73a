package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Why one manifest of a commit could not be applied. */
public class GitSyncError {

    @JsonPropertyDescription("File, relative to the repository root.")
    private String file;

    @JsonPropertyDescription("Index of the document in the file, from 0.")
    private Integer document;

    @JsonPropertyDescription("The object, when the document could be read as one.")
    private GitSyncObject object;

    @JsonPropertyDescription("What is wrong: the parser's or the API server's message.")
    private String message;

    public GitSyncError() {
    }

    public GitSyncError(String file, Integer document, GitSyncObject object, String message) {
        this.file = file;
        this.document = document;
        this.object = object;
        this.message = message;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public Integer getDocument() {
        return document;
    }

    public void setDocument(Integer document) {
        this.document = document;
    }

    public GitSyncObject getObject() {
        return object;
    }

    public void setObject(GitSyncObject object) {
        this.object = object;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
