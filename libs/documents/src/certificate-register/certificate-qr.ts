import * as QRCode from 'qrcode';

/** The QR printed on a certificate (issue 18): the portal address of its verification code, as a PNG. */
export function certificateQrPng(verificationUrl: string): Promise<Buffer> {
  return QRCode.toBuffer(verificationUrl, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
}
